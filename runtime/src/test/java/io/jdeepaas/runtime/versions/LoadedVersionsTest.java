package io.jdeepaas.runtime.versions;

import static org.assertj.core.api.Assertions.assertThat;

import io.jdeepaas.runtime.TestRuntime;
import io.jdeepaas.runtime.fixtures.LifecycleModels;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import okhttp3.MediaType;
import okhttp3.RequestBody;
import org.junit.jupiter.api.Test;

/**
 * The instances the versioned routes load beside the served ones: they count against
 * {@code --max-loaded-models} (the least recently used model or version is unloaded to make room),
 * and deleting a version unloads its instance. {@code lru-a} and {@code lru-b} write down each warm
 * and close, with the version an instance was warmed with.
 */
class LoadedVersionsTest {

    /** Uploads a version of a model whose production is pinned, so the upload does not move it. */
    private static void uploadVersionTwo(TestRuntime runtime, String model) {
        TestRuntime.Answer made = runtime.post("/v2/models/" + model + "/versions?filename=weights.bin",
                RequestBody.create(new byte[] {1, 2, 3}, MediaType.get("application/octet-stream")));
        assertThat(made.status()).as(made.text()).isEqualTo(201);
        assertThat(made.json().path("version").asText()).isEqualTo("2");
        assertThat(made.json().path("aliases").size()).as("pinned: production stays on 1").isZero();
    }

    private static void awaitVersionReady(TestRuntime runtime, String model, String version)
            throws InterruptedException {
        TestRuntime.eventually(Duration.ofSeconds(30), "version " + version + " of " + model + " loads",
                () -> runtime.get("/v2/models/" + model + "/versions/" + version + "/ready").status() == 200);
    }

    /** @return the most instances that were loaded at once, replaying the warms and closes in order */
    private static int mostLoadedAtOnce(List<String> events) {
        int loaded = 0;
        int most = 0;
        for (String event : events) {
            loaded += event.startsWith("warm ") ? 1 : -1;
            most = Math.max(most, loaded);
        }
        return most;
    }

    @Test
    void aVersionLoadedBesideTheServedModelsCountsAgainstTheLimitAndTheLeastRecentlyUsedIsUnloaded()
            throws InterruptedException {
        LifecycleModels.EVENTS.clear();
        try (TestRuntime runtime = TestRuntime.start(c -> c.maxLoadedModels(2)
                .modelSetting("lru-a", "version-policy", "pinned"), "lru-a", "lru-b")) {
            assertThat(LifecycleModels.EVENTS).containsExactlyInAnyOrder("warm lru-a", "warm lru-b");
            uploadVersionTwo(runtime, "lru-a");
            assertThat(runtime.postJson("/v2/models/lru-b/predict/", Map.of()).status()).isEqualTo(200);
            assertThat(runtime.postJson("/v2/models/lru-a/predict/", Map.of()).status()).isEqualTo(200);

            awaitVersionReady(runtime, "lru-a", "2");

            assertThat(LifecycleModels.EVENTS).as("lru-b was the least recently used").endsWith("close lru-b",
                    "warm lru-a v2");
            assertThat(runtime.get("/v2/models/lru-b/").json().path("state").asText()).isEqualTo("unloaded");
            assertThat(runtime.postJson("/v2/models/lru-a/versions/2/predict/", Map.of()).status()).isEqualTo(200);

            TestRuntime.Answer b = runtime.postJson("/v2/models/lru-b/predict/", Map.of());
            assertThat(b.status()).as("lru-b loads again on use").isEqualTo(200);
            assertThat(LifecycleModels.EVENTS).as("production lru-a was used before version 2")
                    .endsWith("close lru-a", "warm lru-b");

            assertThat(runtime.postJson("/v2/models/lru-a/predict/", Map.of()).status()).isEqualTo(200);
            assertThat(LifecycleModels.EVENTS).as("version 2 was the least recently used").contains("close lru-a v2");
            assertThat(mostLoadedAtOnce(LifecycleModels.EVENTS)).isEqualTo(2);
        }
    }

    @Test
    void deletingAVersionUnloadsItsInstanceAndItsRoutesAnswerNotFound() throws InterruptedException {
        LifecycleModels.EVENTS.clear();
        try (TestRuntime runtime = TestRuntime.start(c -> c.modelSetting("lru-a", "version-policy", "pinned"),
                "lru-a")) {
            uploadVersionTwo(runtime, "lru-a");
            awaitVersionReady(runtime, "lru-a", "2");
            assertThat(LifecycleModels.EVENTS).containsExactly("warm lru-a", "warm lru-a v2");

            TestRuntime.Answer deleted = runtime.delete("/v2/models/lru-a/versions/2");

            assertThat(deleted.status()).as(deleted.text()).isEqualTo(200);
            TestRuntime.eventually(Duration.ofSeconds(30), "version 2's instance is closed",
                    () -> LifecycleModels.EVENTS.contains("close lru-a v2"));
            assertThat(runtime.get("/v2/models/lru-a/versions/2/ready").status()).isEqualTo(404);
            assertThat(runtime.postJson("/v2/models/lru-a/versions/2/predict/", Map.of()).status()).isEqualTo(404);
            assertThat(runtime.postJson("/v2/models/lru-a/predict/", Map.of()).status()).isEqualTo(200);
            assertThat(LifecycleModels.EVENTS).containsExactly("warm lru-a", "warm lru-a v2", "close lru-a v2");
        }
    }

    @Test
    void promotingAVersionThatHasItsOwnInstanceUnloadsThatInstanceOnceProductionServesIt()
            throws InterruptedException {
        LifecycleModels.EVENTS.clear();
        try (TestRuntime runtime = TestRuntime.start(c -> c.modelSetting("lru-a", "version-policy", "pinned"),
                "lru-a")) {
            uploadVersionTwo(runtime, "lru-a");
            awaitVersionReady(runtime, "lru-a", "2");

            TestRuntime.Answer promoted = runtime.putJson("/v2/models/lru-a/aliases/production",
                    Map.of("version", "2"));

            assertThat(promoted.status()).as(promoted.text()).isEqualTo(200);
            TestRuntime.eventually(Duration.ofSeconds(30), "the old production and version 2's own instance close",
                    () -> LifecycleModels.EVENTS.contains("close lru-a")
                            && LifecycleModels.EVENTS.contains("close lru-a v2"));
            assertThat(LifecycleModels.EVENTS).as("own instance, then production's new one: one left open")
                    .containsExactlyInAnyOrder("warm lru-a", "warm lru-a v2", "warm lru-a v2", "close lru-a",
                            "close lru-a v2");
            TestRuntime.Answer answer = runtime.postJson("/v2/models/lru-a/versions/2/predict/", Map.of());
            assertThat(answer.status()).isEqualTo(200);
            assertThat(answer.header("X-Model-Version")).isEqualTo("2");
            assertThat(LifecycleModels.EVENTS).as("production's instance answers version 2").hasSize(5);
        }
    }
}
