package io.jdeepaas.runtime.serving;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.jdeepaas.runtime.TestRuntime;
import io.jdeepaas.runtime.fixtures.LifecycleModels;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** With --max-loaded-models, models load on first use and the least recently used one is unloaded first. */
class LazyLoadingTest {

    @Test
    void withOneLoadedModelEachUseOfTheOtherUnloadsTheFirstBeforeLoadingTheSecond() {
        LifecycleModels.EVENTS.clear();
        try (TestRuntime runtime = TestRuntime.start(c -> c.maxLoadedModels(1), "lru-a", "lru-b")) {
            assertThat(LifecycleModels.EVENTS).as("only one model is warmed at start-up").hasSize(1);
            String first = LifecycleModels.EVENTS.get(0).substring("warm ".length());
            String second = first.equals("lru-a") ? "lru-b" : "lru-a";
            assertThat(runtime.get("/v2/models/" + second + "/").json().path("state").asText()).isEqualTo("unloaded");

            TestRuntime.Answer answer = runtime.postJson("/v2/models/" + second + "/predict/", Map.of());
            assertThat(answer.status()).as("the request waits for the load").isEqualTo(200);
            assertThat(answer.json().path("predictions").path("model").asText()).isEqualTo(second);
            assertThat(LifecycleModels.EVENTS).containsExactly("warm " + first, "close " + first, "warm " + second);

            assertThat(runtime.postJson("/v2/models/" + first + "/predict/", Map.of()).status()).isEqualTo(200);
            assertThat(LifecycleModels.EVENTS).containsExactly("warm " + first, "close " + first, "warm " + second,
                    "close " + second, "warm " + first);
            assertThat(runtime.postJson("/v2/models/" + first + "/predict/", Map.of()).status())
                    .as("a loaded model is used as it is").isEqualTo(200);
            assertThat(LifecycleModels.EVENTS).hasSize(5);

            JsonNode index = runtime.postJson("/v2/repository/index", Map.of()).json();
            assertThat(index.findValuesAsText("state")).containsExactlyInAnyOrder("READY", "UNAVAILABLE");
            assertThat(runtime.metric("deepaas_models_loaded")).isEqualTo(1.0);
            assertThat(runtime.metric("deepaas_models{state=\"unloaded\"}")).isEqualTo(1.0);
            assertThat(runtime.get("/v2/health/ready").status()).as("an unloaded model does not hold the server back")
                    .isEqualTo(200);
        }
    }

    @Test
    void aModelUnloadedOnRequestIsNotLoadedAgainByUse() {
        try (TestRuntime runtime = TestRuntime.start(c -> c.maxLoadedModels(1), "lru-a", "lru-b")) {
            for (String name : List.of("lru-a", "lru-b")) {
                runtime.postJson("/v2/repository/models/" + name + "/unload", Map.of());
            }
            TestRuntime.Answer answer = runtime.postJson("/v2/models/lru-a/predict/", Map.of());
            assertThat(answer.status()).isEqualTo(503);
            assertThat(answer.json().path("message").asText()).contains("/v2/repository/models/lru-a/load");
            assertThat(runtime.postJson("/v2/repository/models/lru-a/load", Map.of()).status()).isEqualTo(200);
            assertThat(runtime.postJson("/v2/models/lru-a/predict/", Map.of()).status()).isEqualTo(200);
        }
    }
}
