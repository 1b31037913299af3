package io.jdeepaas.runtime.serving;

import static org.assertj.core.api.Assertions.assertThat;

import io.jdeepaas.runtime.TestRuntime;
import io.jdeepaas.runtime.fixtures.LedgerModel;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** A model's queue is bounded: when it is full, the answer is 429 with Retry-After, at once. */
class BackPressureTest {

    @Test
    void aFullQueueIsAnswered429WithRetryAfterWithin100Milliseconds() throws Exception {
        try (TestRuntime runtime = TestRuntime.start(c -> c.predictionLimits(1, 1, Duration.ofSeconds(60)),
                "ledger")) {
            runtime.get("/v2/models/ledger/"); // a first request, so the measured one finds the server warm
            CompletableFuture<TestRuntime.Answer> running = CompletableFuture.supplyAsync(() ->
                    runtime.postJson("/v2/models/ledger/predict/", Map.of("id", "bp-running", "sleep_ms", 3000)));
            TestRuntime.eventually(Duration.ofSeconds(10), "the first prediction runs",
                    () -> LedgerModel.STARTED.contains("bp-running"));
            CompletableFuture<TestRuntime.Answer> queued = CompletableFuture.supplyAsync(() ->
                    runtime.postJson("/v2/models/ledger/predict/", Map.of("id", "bp-queued")));
            TestRuntime.eventually(Duration.ofSeconds(10), "the second prediction waits in the queue",
                    () -> runtime.metric("deepaas_inference_queue_depth{model=\"ledger\"}") == 1.0);

            long start = System.nanoTime();
            TestRuntime.Answer rejected = runtime.postJson("/v2/models/ledger/predict/", Map.of("id", "bp-rejected"));
            long millis = (System.nanoTime() - start) / 1_000_000;

            System.out.println("back-pressure: 429 answered in " + millis + " ms");
            assertThat(rejected.status()).as(rejected.text()).isEqualTo(429);
            assertThat(millis).as("milliseconds until the 429").isLessThan(100);
            assertThat(rejected.header("Retry-After")).isEqualTo("1");
            assertThat(rejected.json().path("message").asText()).contains("busy");
            assertThat(running.get().status()).isEqualTo(200);
            assertThat(queued.get().status()).isEqualTo(200);
            assertThat(LedgerModel.STARTED).doesNotContain("bp-rejected");
            assertThat(runtime.metric("deepaas_inference_rejected_total{model=\"ledger\",reason=\"queue_full\"}"))
                    .isEqualTo(1.0);
        }
    }

    @Test
    void perModelSettingsOverrideTheGlobalLimits() throws Exception {
        try (TestRuntime runtime = TestRuntime.start(c -> c.predictionLimits(4, 64, Duration.ofSeconds(60))
                .modelSetting("ledger", "workers", "1").modelSetting("ledger", "queue-size", "0"), "ledger")) {
            CompletableFuture<TestRuntime.Answer> running = CompletableFuture.supplyAsync(() ->
                    runtime.postJson("/v2/models/ledger/predict/", Map.of("id", "pm-running", "sleep_ms", 1500)));
            TestRuntime.eventually(Duration.ofSeconds(10), "the first prediction runs",
                    () -> LedgerModel.STARTED.contains("pm-running"));
            TestRuntime.Answer rejected = runtime.postJson("/v2/models/ledger/predict/", Map.of("id", "pm-rejected"));
            assertThat(rejected.status()).as("one worker and no queue").isEqualTo(429);
            assertThat(running.get().status()).isEqualTo(200);
        }
    }
}
