package io.jdeepaas.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Stopping the runtime normally, with trainings done and one running, logs no warning and no error:
 * the training dispatcher and its heartbeat stop before the database closes.
 */
class CleanShutdownTest {

    @Test
    void aNormalShutdownLogsNoWarningOrError() throws Exception {
        try (LogCapture log = LogCapture.start()) {
            for (int round = 0; round < 3; round++) {
                // a heartbeat every millisecond: one is under way whenever the runtime stops
                TestRuntime runtime = TestRuntime.start(c -> c.heartbeatInterval(Duration.ofMillis(1))
                        .heartbeatTimeout(Duration.ofSeconds(5)), "demo");
                String done = runtime.trainDemo(Map.of("epochs", 1, "sleep", 0));
                assertThat(runtime.awaitTraining("demo", done, Duration.ofSeconds(30)).path("status").asText())
                        .isEqualTo("done");
                String running = runtime.trainDemo(Map.of("epochs", 100, "sleep", 1));
                runtime.awaitStatus("demo", running, "running", Duration.ofSeconds(30));
                runtime.trainDemo(Map.of("epochs", 1, "sleep", 0)); // queued: the dispatcher waits for a worker
                runtime.close();
            }
            assertThat(log.warnings()).as("WARN and ERROR lines logged while starting, training and stopping")
                    .isEmpty();
        }
    }
}
