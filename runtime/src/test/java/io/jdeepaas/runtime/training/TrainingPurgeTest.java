package io.jdeepaas.runtime.training;

import static org.assertj.core.api.Assertions.assertThat;

import io.jdeepaas.runtime.TestRuntime;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** {@code DELETE ...?purge=true}: removing an ended training with everything it left. */
class TrainingPurgeTest {

    static TestRuntime runtime;

    @BeforeAll
    static void start() {
        runtime = TestRuntime.start("demo");
    }

    @AfterAll
    static void stop() {
        runtime.close();
    }

    @Test
    void purgingAnEndedTrainingRemovesItsRecordMetricsLogsAndArtifacts() throws Exception {
        String uuid = runtime.trainDemo(Map.of("epochs", 2, "sleep", 0));
        runtime.awaitTraining("demo", uuid, Duration.ofSeconds(30));
        Path folder = runtime.dataDir().resolve("trainings/demo/" + uuid);
        assertThat(folder.resolve("output/model.txt")).exists();

        TestRuntime.Answer purged = runtime.delete("/v2/models/demo/train/" + uuid + "?purge=true");
        assertThat(purged.status()).isEqualTo(200);
        assertThat(purged.json().path("uuid").asText()).isEqualTo(uuid);
        assertThat(runtime.get("/v2/models/demo/train/" + uuid).status()).isEqualTo(404);
        assertThat(runtime.get("/v2/models/demo/train/" + uuid + "/metrics").status()).isEqualTo(404);
        assertThat(runtime.get("/v2/models/demo/train/" + uuid + "/logs").status()).isEqualTo(404);
        assertThat(runtime.get("/v2/models/demo/train/" + uuid + "/artifacts/").status()).isEqualTo(404);
        assertThat(runtime.get("/v2/models/demo/train/").json().findValuesAsText("uuid")).doesNotContain(uuid);
        assertThat(Files.exists(folder)).isFalse();
    }

    @Test
    void purgingARunningTrainingIs409UntilItIsCancelledAndCancellingKeepsTheRecord() throws Exception {
        String uuid = runtime.trainDemo(Map.of("epochs", 100, "sleep", 1));
        runtime.awaitStatus("demo", uuid, "running", Duration.ofSeconds(30));

        TestRuntime.Answer refused = runtime.delete("/v2/models/demo/train/" + uuid + "?purge=true");
        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.json().path("message").asText()).contains("cancel it first");

        assertThat(runtime.delete("/v2/models/demo/train/" + uuid).json().path("status").asText()).isEqualTo("cancelled");
        assertThat(runtime.get("/v2/models/demo/train/" + uuid).json().path("status").asText()).isEqualTo("cancelled");
        assertThat(runtime.delete("/v2/models/demo/train/" + uuid + "?purge=true").status()).isEqualTo(200);
        assertThat(runtime.get("/v2/models/demo/train/" + uuid).status()).isEqualTo(404);
    }
}
