package io.jdeepaas.runtime.engines;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.jdeepaas.runtime.TestRuntime;
import io.jdeepaas.runtime.config.RuntimeConfig;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** On a machine without a GPU, asking for one fails that model clearly; the others serve. */
class GpuRequestApiTest {

    @Test
    void requestingAGpuWhereThereIsNoneFailsThatModelWithAClearMessageWhileOthersServe() {
        try (TestRuntime runtime = TestRuntime.start(c -> c.device("cpu")
                .modelSettings(Map.of("iris", Map.of("device", "gpu"))), "demo", "iris")) {
            JsonNode iris = runtime.get("/v2/models/iris/").json();
            assertThat(iris.path("state").asText()).isEqualTo("failed");
            assertThat(iris.path("error").asText()).contains("gpu").contains("no GPU").contains("cpu");
            TestRuntime.Answer predict = runtime.postJson("/v2/models/iris/predict/", Map.of("rows", java.util.List.of(1, 2, 3, 4)));
            assertThat(predict.status()).isEqualTo(503);
            assertThat(runtime.get("/v2/models/demo/").json().path("state").asText()).isEqualTo("ready");
            assertThat(runtime.postJson("/v2/models/demo/predict/", Map.of("text", "cpu is fine")).status()).isEqualTo(200);
        }
    }
}
