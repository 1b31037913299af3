package io.jdeepaas.runtime.serving;

import static org.assertj.core.api.Assertions.assertThat;

import io.jdeepaas.runtime.TestRuntime;
import io.jdeepaas.runtime.fixtures.SlowWarmModel;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** While a model loads or reloads, its predictions are answered 503 with Retry-After, never 500. */
class ModelLoadingTest {

    @Test
    void aModelStillLoadingAtStartUpAnswers503WithRetryAfter() throws Exception {
        SlowWarmModel.hold();
        try (TestRuntime runtime = TestRuntime.startWhileLoading(c -> c, "slow-warm")) {
            TestRuntime.Answer answer = runtime.postJson("/v2/models/slow-warm/predict/", Map.of());
            assertThat(answer.status()).as(answer.text()).isEqualTo(503);
            assertThat(answer.header("Retry-After")).isEqualTo("5");
            assertThat(answer.json().path("message").asText()).contains("is loading");
            assertThat(runtime.get("/v2/models/slow-warm/ready").status()).isEqualTo(503);
            assertThat(runtime.get("/v2/health/ready").status()).isEqualTo(503);

            SlowWarmModel.release();
            runtime.server().awaitWarm(Duration.ofSeconds(30));
            assertThat(runtime.postJson("/v2/models/slow-warm/predict/", Map.of()).status()).isEqualTo(200);
            assertThat(runtime.get("/v2/health/ready").status()).isEqualTo(200);
        } finally {
            SlowWarmModel.release();
        }
    }

    @Test
    void aModelBeingReloadedAnswers503WithRetryAfterUntilItIsReadyAgain() throws Exception {
        try (TestRuntime runtime = TestRuntime.start(c -> c, "slow-warm")) {
            SlowWarmModel.hold();
            CompletableFuture<TestRuntime.Answer> reload = CompletableFuture.supplyAsync(() ->
                    runtime.postJson("/v2/repository/models/slow-warm/load", Map.of()));
            TestRuntime.eventually(Duration.ofSeconds(10), "the reload starts",
                    () -> runtime.get("/v2/models/slow-warm/").json().path("state").asText().equals("loading"));

            TestRuntime.Answer answer = runtime.postJson("/v2/models/slow-warm/predict/", Map.of());
            assertThat(answer.status()).as(answer.text()).isEqualTo(503);
            assertThat(answer.header("Retry-After")).isNotNull();
            assertThat(reload).isNotDone();
            assertThat(runtime.get("/v2/health/ready").status())
                    .as("reloading one model does not take the whole server out of service").isEqualTo(200);

            SlowWarmModel.release();
            assertThat(reload.get().status()).isEqualTo(200);
            assertThat(reload.get().json().path("state").asText()).isEqualTo("READY");
            assertThat(runtime.postJson("/v2/models/slow-warm/predict/", Map.of()).status()).isEqualTo(200);
        } finally {
            SlowWarmModel.release();
        }
    }
}
