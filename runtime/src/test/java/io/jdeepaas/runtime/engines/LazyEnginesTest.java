package io.jdeepaas.runtime.engines;

import static org.assertj.core.api.Assertions.assertThat;

import io.jdeepaas.runtime.ChildRuntime;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A runtime that serves only plain-Java modules never extracts nor loads an engine. */
class LazyEnginesTest {

    @Test
    void aRuntimeServingOnlyDemoLeavesAFreshEngineCacheEmpty(@TempDir Path dir) throws Exception {
        Path cache = Files.createDirectories(dir.resolve("engines"));
        try (ChildRuntime runtime = ChildRuntime.start(dir.resolve("data"), "demo", "--engine-cache", cache.toString())) {
            assertThat(runtime.postJson("/v2/models/demo/predict/", Map.of("text", "hi", "number", 2)).status())
                    .isEqualTo(200);
            assertThat(runtime.get("/v2/models/").status()).isEqualTo(200);
            assertThat(runtime.get("/v2/models/demo/").json().path("state").asText()).isEqualTo("ready");
            try (Stream<Path> files = Files.walk(cache)) {
                assertThat(files.filter(p -> !p.equals(cache)).toList()).as("engine files written for demo").isEmpty();
            }
            assertThat(runtime.log()).doesNotContain("TensorFlow").doesNotContain("libtorch");
        }
    }
}
