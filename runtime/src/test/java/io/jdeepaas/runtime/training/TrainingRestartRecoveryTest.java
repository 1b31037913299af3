package io.jdeepaas.runtime.training;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.jdeepaas.runtime.ChildRuntime;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Killing the runtime with SIGKILL mid-training and starting it again on the same data folder. */
class TrainingRestartRecoveryTest {

    @Test
    void afterSigkillTheRunningTrainingIsInterruptedWithItsMetricsTheQueuedOneRunsAndArtifactsAreIntact()
            throws Exception {
        Path dataDir = Files.createTempDirectory("jdeepaas-restart").resolve("data");
        String finished;
        String running;
        String queued;
        String artifactsBefore;
        long stepsBefore;
        ChildRuntime first = ChildRuntime.start(dataDir, "demo", "--train-workers", "1");
        try {
            finished = first.postJson("/v2/models/demo/train/", Map.of("epochs", 2, "sleep", 0)).json()
                    .path("uuid").asText();
            first.awaitEnd("demo", finished, Duration.ofSeconds(30));
            artifactsBefore = first.get("/v2/models/demo/train/" + finished + "/artifacts/").json().toString();
            assertThat(artifactsBefore).contains("model.txt");

            running = first.postJson("/v2/models/demo/train/", Map.of("epochs", 100, "sleep", 1,
                    "experiment", "restart")).json().path("uuid").asText();
            queued = first.postJson("/v2/models/demo/train/", Map.of("epochs", 2, "sleep", 0.1)).json()
                    .path("uuid").asText();
            JsonNode progressed = first.awaitRecord("demo", running, r -> r.at("/progress/step").asLong() >= 2,
                    Duration.ofSeconds(30));
            stepsBefore = progressed.at("/progress/step").asLong();
            assertThat(first.get("/v2/models/demo/train/" + queued).json().path("status").asText()).isEqualTo("queued");
        } finally {
            first.kill();
        }

        try (ChildRuntime second = ChildRuntime.start(dataDir, "demo", "--train-workers", "1")) {
            JsonNode interrupted = second.get("/v2/models/demo/train/" + running).json();
            assertThat(interrupted.path("status").asText()).as(second.log()).isEqualTo("interrupted");
            assertThat(interrupted.path("message").asText()).contains("stopped while this training was running");
            assertThat(interrupted.path("experiment").asText()).isEqualTo("restart");
            assertThat(interrupted.path("finished").asText()).contains("T");
            long steps = interrupted.at("/progress/step").asLong();
            assertThat(steps).isGreaterThanOrEqualTo(stepsBefore);
            JsonNode loss = second.get("/v2/models/demo/train/" + running + "/metrics").json().at("/series/loss");
            assertThat(loss.size()).as("the metrics series is intact").isEqualTo((int) steps);
            assertThat(loss.get(0).path("value").asDouble()).isEqualTo(1.0);

            JsonNode ranAfterRestart = second.awaitEnd("demo", queued, Duration.ofSeconds(60));
            assertThat(ranAfterRestart.path("status").asText()).isEqualTo("done");
            assertThat(ranAfterRestart.at("/result/epochs").asLong()).isEqualTo(2);

            assertThat(second.get("/v2/models/demo/train/" + finished).json().path("status").asText()).isEqualTo("done");
            assertThat(second.get("/v2/models/demo/train/" + finished + "/artifacts/").json().toString())
                    .isEqualTo(artifactsBefore);
            assertThat(second.get("/v2/models/demo/train/" + finished + "/artifacts/model.txt").text())
                    .contains("epochs=2");
        }
    }
}
