package io.jdeepaas.runtime.training;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.jdeepaas.runtime.TestRuntime;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code --train-isolation thread}: a training that ignores cancellation is shown cancelling and blocks no other model. */
class ThreadCancellationTest {

    @Test
    void aTrainingThatIgnoresCancellationIsCancellingUntilItStopsAndOtherModelsTrainMeanwhile() throws Exception {
        try (TestRuntime runtime = TestRuntime.start(c -> c.trainWorkers(2), "stubborn", "demo")) {
            String stubborn = runtime.postJson("/v2/models/stubborn/train/", Map.of("seconds", 8)).json()
                    .path("uuid").asText();
            runtime.awaitStatus("stubborn", stubborn, "running", Duration.ofSeconds(30));

            TestRuntime.Answer answer = runtime.delete("/v2/models/stubborn/train/" + stubborn);

            assertThat(answer.status()).isEqualTo(200);
            assertThat(answer.json().path("status").asText()).isEqualTo("cancelling");
            String first = runtime.trainDemo(Map.of("epochs", 2, "sleep", 0.05));
            String second = runtime.trainDemo(Map.of("epochs", 2, "sleep", 0.05));
            assertThat(runtime.awaitTraining("demo", first, Duration.ofSeconds(20)).path("status").asText())
                    .isEqualTo("done");
            assertThat(runtime.awaitTraining("demo", second, Duration.ofSeconds(20)).path("status").asText())
                    .isEqualTo("done");
            assertThat(runtime.get("/v2/models/stubborn/train/" + stubborn).json().path("status").asText())
                    .isEqualTo("cancelling");
            JsonNode ended = runtime.awaitTraining("stubborn", stubborn, Duration.ofSeconds(30));
            assertThat(ended.path("status").asText()).isEqualTo("cancelled");
        }
    }
}
