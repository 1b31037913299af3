package io.jdeepaas.runtime.training;

import static org.assertj.core.api.Assertions.assertThat;

import io.jdeepaas.runtime.TestRuntime;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The bounded queue per model ({@code --train-queue-size}) and cancelling queued trainings. */
class TrainingQueueLimitTest {

    static TestRuntime runtime;

    @BeforeAll
    static void start() {
        runtime = TestRuntime.start(c -> c.trainWorkers(1).trainQueueSize(1), "demo");
    }

    @AfterAll
    static void stop() {
        runtime.close();
    }

    @Test
    void aFullQueueAnswers429WithRetryAfterAndACancelledQueuedTrainingKeepsItsRecord() throws Exception {
        String running = runtime.trainDemo(Map.of("epochs", 100, "sleep", 1));
        runtime.awaitStatus("demo", running, "running", Duration.ofSeconds(30));
        String queued = runtime.trainDemo(Map.of("epochs", 100, "sleep", 1));
        assertThat(runtime.get("/v2/models/demo/train/" + queued).json().path("status").asText()).isEqualTo("queued");

        TestRuntime.Answer full = runtime.postJson("/v2/models/demo/train/", Map.of("epochs", 1));
        assertThat(full.status()).isEqualTo(429);
        assertThat(full.header("Retry-After")).matches("\\d+");
        assertThat(full.json().path("message").asText()).contains("--train-queue-size 1");

        TestRuntime.Answer cancelled = runtime.delete("/v2/models/demo/train/" + queued);
        assertThat(cancelled.status()).isEqualTo(200);
        assertThat(cancelled.json().path("status").asText()).isEqualTo("cancelled");
        assertThat(cancelled.json().path("message").asText()).contains("before it started");
        assertThat(cancelled.json().has("started")).isFalse();
        assertThat(runtime.get("/v2/models/demo/train/" + queued).json().path("status").asText()).isEqualTo("cancelled");

        assertThat(runtime.postJson("/v2/models/demo/train/", Map.of("epochs", 1, "sleep", 0)).status())
                .as("a freed queue place is usable at once").isEqualTo(200);
        assertThat(runtime.delete("/v2/models/demo/train/" + running).json().path("status").asText())
                .isEqualTo("cancelled");
    }
}
