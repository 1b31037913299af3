package io.jdeepaas.runtime.serving;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.jdeepaas.runtime.TestRuntime;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code GET /v2/models/{name}/stats} counts a model's inferences as Triton's statistics extension does. */
class StatisticsApiTest {

    @Test
    void theStatsCountSuccessesFailuresQueueAndComputeWithTheirNanoseconds() {
        try (TestRuntime runtime = TestRuntime.start("echo")) {
            long before = System.currentTimeMillis();
            for (String text : new String[] {"a", "b", "c", "crash"}) {
                runtime.postJson("/v2/models/echo/predict/", Map.of("text", text, "sleep_ms", 5));
            }
            runtime.postJson("/v2/models/echo/predict/", Map.of("times", 99)); // invalid: never reaches the model

            TestRuntime.Answer answer = runtime.get("/v2/models/echo/stats");
            assertThat(answer.status()).isEqualTo(200);
            JsonNode stats = answer.json().path("model_stats").get(0);
            assertThat(stats.path("name").asText()).isEqualTo("echo");
            assertThat(stats.path("version").asText()).isEqualTo("1"); // the runtime's version id; the module's metadata says 1.0
            assertThat(stats.path("last_inference").asLong()).isGreaterThanOrEqualTo(before);
            assertThat(stats.path("inference_count").asLong()).isEqualTo(3);
            assertThat(stats.path("execution_count").asLong()).isEqualTo(4);
            JsonNode inference = stats.path("inference_stats");
            assertThat(inference.path("success").path("count").asLong()).isEqualTo(3);
            assertThat(inference.path("fail").path("count").asLong()).isEqualTo(1);
            assertThat(inference.path("queue").path("count").asLong()).isEqualTo(4);
            assertThat(inference.path("compute_infer").path("count").asLong()).isEqualTo(4);
            assertThat(inference.path("compute_infer").path("ns").asLong()).as("three calls sleep 5 ms; the crash does not")
                    .isGreaterThanOrEqualTo(15_000_000L);
            assertThat(inference.path("success").path("ns").asLong()).isGreaterThanOrEqualTo(15_000_000L);
        }
    }

    @Test
    void statsOfAnUnknownModelAre404InTheProtocolsErrorShape() {
        try (TestRuntime runtime = TestRuntime.start("echo")) {
            TestRuntime.Answer answer = runtime.get("/v2/models/nope/stats");
            assertThat(answer.status()).isEqualTo(404);
            assertThat(answer.json().path("error").asText()).contains("nope");
        }
    }
}
