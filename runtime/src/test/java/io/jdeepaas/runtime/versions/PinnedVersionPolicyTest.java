package io.jdeepaas.runtime.versions;

import static org.assertj.core.api.Assertions.assertThat;

import io.jdeepaas.runtime.TestRuntime;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code --model-setting iris.version-policy=pinned}: a training adds a version but only a promote serves it. */
class PinnedVersionPolicyTest {

    @Test
    void aPinnedModelKeepsServingItsVersionAfterATrainingUntilTheNewOneIsPromoted() throws Exception {
        try (TestRuntime runtime = TestRuntime.start(c -> c.modelSetting("iris", "version-policy", "pinned"), "iris")) {
            String first = ModelVersionsTest.train(runtime);
            assertThat(ModelVersionsTest.servedWeights(runtime)).isEqualTo("initial");
            String second = ModelVersionsTest.train(runtime);

            assertThat(runtime.get("/v2/models/iris/versions").json().path("policy").asText()).isEqualTo("pinned");
            assertThat(runtime.get("/v2/models/iris/versions").json().at("/aliases/production").asText()).isEqualTo("1");
            assertThat(runtime.get("/v2/models/iris/versions/3").json().path("training").asText()).isEqualTo(second);
            assertThat(ModelVersionsTest.servedWeights(runtime)).isEqualTo("initial");

            assertThat(runtime.putJson("/v2/models/iris/aliases/production", Map.of("version", "2")).status())
                    .isEqualTo(200);
            assertThat(ModelVersionsTest.servedWeights(runtime)).isEqualTo(first);
        }
    }

    @Test
    void anUnknownPolicyStopsTheStartNamingTheSetting() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> TestRuntime.start(
                c -> c.modelSetting("iris", "version-policy", "newest"), "iris").close())
                .hasStackTraceContaining("iris.version-policy must be latest or pinned");
    }
}
