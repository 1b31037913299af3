package io.jdeepaas.runtime.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.jdeepaas.runtime.TestRuntime;
import io.jdeepaas.runtime.json.Json;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code prepare-engines}, as a container image's build runs it: every engine's natives end up in
 * {@code --engine-cache}, each engine loads, and the command exits without serving.
 */
class PrepareEnginesIT {

    @TempDir
    Path dataDir;

    @Test
    void prepareEnginesLoadsEveryEngineFromTheEngineCacheAndExits() throws Exception {
        Path cache = TestRuntime.ENGINE_CACHE;
        Path stdout = dataDir.resolve("stdout.json");
        Process cli = new ProcessBuilder(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", PackagedRuntimeIT.JAR.toString(), "prepare-engines", "--engine-cache", cache.toString(),
                "--data-dir", dataDir.resolve("data").toString()))
                .redirectOutput(stdout.toFile()).redirectError(dataDir.resolve("stderr.log").toFile()).start();
        assertThat(cli.waitFor(120, TimeUnit.SECONDS)).isTrue();
        String log = Files.readString(dataDir.resolve("stderr.log"), StandardCharsets.UTF_8);
        assertThat(cli.exitValue()).as(log).isZero();

        JsonNode facts = Json.mapper().readTree(stdout.toFile());
        assertThat(facts.path("engine_cache_dir").asText()).isEqualTo(cache.toString());
        assertThat(facts.at("/tensorflow_natives/library_path").asText()).startsWith(cache.resolve("tensorflow").toString());
        for (String engine : List.of("PyTorch", "TensorFlow")) {
            JsonNode found = null;
            for (JsonNode e : facts.path("engines")) {
                if (engine.equals(e.path("name").asText())) {
                    found = e;
                }
            }
            assertThat(found).as(engine + " in " + facts).isNotNull();
            assertThat(found.path("loaded").asBoolean()).as(engine + ": " + found).isTrue();
        }
        try (Stream<Path> pytorch = Files.list(cache.resolve("pytorch"))) {
            assertThat(pytorch.anyMatch(dir -> Files.isRegularFile(dir.resolve(System.mapLibraryName("torch"))))).isTrue();
        }
        assertThat(dataDir.resolve("data")).as("no model was warmed, nothing written to the data folder").doesNotExist();
    }
}
