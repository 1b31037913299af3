package io.jdeepaas.runtime.versions;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.jdeepaas.runtime.TestRuntime;
import io.jdeepaas.runtime.config.TrainIsolation;
import org.junit.jupiter.api.Test;

/** {@code --train-isolation process}: the child JVM writes the model folder, the runtime keeps and serves it. */
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
        }
    }
}
