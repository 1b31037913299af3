package io.jdeepaas.runtime.versions;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.jdeepaas.runtime.TestRuntime;
import io.jdeepaas.runtime.config.TrainIsolation;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@code --train-isolation process}: the child JVM writes the model folder, the runtime keeps and
 * serves it; the child warms the version the runtime serves, so a warm start continues production.
 */
class ProcessIsolationVersionsTest {

    @Test
    void aTrainingInAChildProcessProducesAVersionThatIsServed() throws Exception {
        try (TestRuntime runtime = TestRuntime.start(c -> c.trainIsolation(TrainIsolation.PROCESS), "iris")) {
            String uuid = ModelVersionsTest.train(runtime);

            JsonNode two = runtime.get("/v2/models/iris/versions/2").json();
            assertThat(two.path("training").asText()).isEqualTo(uuid);
            assertThat(two.path("aliases").toString()).contains("production");
            assertThat(two.path("files").toString()).contains("iris.properties");
            assertThat(runtime.get("/v2/models/iris/train/" + uuid).json().at("/result/version").asText())
                    .isEqualTo("2");
            assertThat(ModelVersionsTest.servedWeights(runtime)).isEqualTo(uuid);

            JsonNode continued = warmStart(runtime);
            assertThat(continued.at("/result/started_from").asText()).as("the child warmed production, version 2")
                    .isEqualTo(uuid);
            assertThat(continued.at("/result/version").asText()).isEqualTo("3");

            assertThat(runtime.putJson("/v2/models/iris/aliases/production", Map.of("version", "1")).status())
                    .isEqualTo(200);
            assertThat(warmStart(runtime).at("/result/started_from").asText()).isEqualTo("initial");
        }
    }

    /** @return the record of a training that continues the served weights, once it is done */
    private static JsonNode warmStart(TestRuntime runtime) throws InterruptedException {
        String uuid = runtime.postJson("/v2/models/iris/train/", Map.of("epochs", 2, "warm_start", true)).json()
                .path("uuid").asText();
        JsonNode record = runtime.awaitTraining("iris", uuid, Duration.ofMinutes(3));
        assertThat(record.path("status").asText()).as(record.toString()).isEqualTo("done");
        return record;
    }
}
