package io.jdeepaas.runtime.serving;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.jdeepaas.runtime.TestRuntime;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Triton's repository extension: index, load and unload. */
class RepositoryApiTest {

    @Test
    void unloadingAModelAnswers503UntilItIsLoadedAgain() {
        try (TestRuntime runtime = TestRuntime.start("echo", "demo")) {
            JsonNode index = runtime.postJson("/v2/repository/index", Map.of()).json();
            assertThat(index.findValuesAsText("name")).containsExactlyInAnyOrder("echo", "demo");
            assertThat(index.findValuesAsText("state")).containsOnly("READY");

            TestRuntime.Answer unloaded = runtime.postJson("/v2/repository/models/echo/unload", Map.of());
            assertThat(unloaded.status()).isEqualTo(200);
            assertThat(unloaded.json().path("state").asText()).isEqualTo("UNAVAILABLE");
            TestRuntime.Answer refused = runtime.postJson("/v2/models/echo/predict/", Map.of("text", "hi"));
            assertThat(refused.status()).isEqualTo(503);
            assertThat(refused.json().path("message").asText()).contains("unloaded");
            assertThat(runtime.get("/v2/models/echo/ready").status()).isEqualTo(503);
            assertThat(runtime.get("/v2/models/echo/").json().path("state").asText()).isEqualTo("unloaded");
            assertThat(runtime.postJson("/v2/repository/index", Map.of("ready", true)).json()
                    .findValuesAsText("name")).containsExactly("demo");

            TestRuntime.Answer loaded = runtime.postJson("/v2/repository/models/echo/load", Map.of());
            assertThat(loaded.status()).isEqualTo(200);
            assertThat(loaded.json().path("state").asText()).isEqualTo("READY");
            assertThat(runtime.postJson("/v2/models/echo/predict/", Map.of("text", "hi")).status()).isEqualTo(200);
        }
    }

    @Test
    void aModelThatIsTrainingIsNotUnloadedUntilItsTrainingEnds() throws Exception {
        try (TestRuntime runtime = TestRuntime.start("demo")) {
            String uuid = runtime.postJson("/v2/models/demo/train/", Map.of("epochs", 100, "sleep", 1)).json()
                    .path("uuid").asText();
            TestRuntime.eventually(Duration.ofSeconds(10), "the training runs", () ->
                    runtime.get("/v2/models/demo/train/" + uuid).json().path("status").asText().equals("running"));
            TestRuntime.Answer refused = runtime.postJson("/v2/repository/models/demo/unload", Map.of());
            assertThat(refused.status()).isEqualTo(409);
            assertThat(refused.json().path("error").asText()).contains("is training");
            assertThat(runtime.get("/v2/models/demo/").json().path("state").asText()).isEqualTo("ready");
            runtime.delete("/v2/models/demo/train/" + uuid);
            TestRuntime.eventually(Duration.ofSeconds(10), "the training ends", () ->
                    runtime.get("/v2/models/demo/train/" + uuid).json().path("status").asText().equals("cancelled"));
            TestRuntime.eventually(Duration.ofSeconds(10), "the unload is accepted", () ->
                    runtime.postJson("/v2/repository/models/demo/unload", Map.of()).status() == 200);
        }
    }

    @Test
    void repositoryRoutesAnswerUnknownModelsAndBadBodiesInTheProtocolsErrorShape() {
        try (TestRuntime runtime = TestRuntime.start("echo")) {
            TestRuntime.Answer unknown = runtime.postJson("/v2/repository/models/nope/load", Map.of());
            assertThat(unknown.status()).isEqualTo(404);
            assertThat(unknown.json().path("error").asText()).contains("nope");
            TestRuntime.Answer bad = runtime.post("/v2/repository/index",
                    okhttp3.RequestBody.create("{not json", okhttp3.MediaType.get("application/json")));
            assertThat(bad.status()).isEqualTo(400);
            assertThat(bad.json().has("error")).isTrue();
        }
    }

    @Test
    void loadingAModelWhoseWarmFailsAnswers500WithTheReason() {
        try (TestRuntime runtime = TestRuntime.start("broken")) {
            TestRuntime.Answer answer = runtime.postJson("/v2/repository/models/broken/load", Map.of());
            assertThat(answer.status()).isEqualTo(500);
            assertThat(answer.json().path("error").asText()).contains("broken.params is missing");
            assertThat(runtime.postJson("/v2/repository/index", Map.of()).json().get(0).path("reason").asText())
                    .contains("broken.params");
        }
    }
}
