package io.jdeepaas.runtime.registry;

import static io.jdeepaas.runtime.fixtures.ModuleJars.predictModule;
import static org.assertj.core.api.Assertions.assertThat;

import io.jdeepaas.runtime.TestRuntime;
import io.jdeepaas.runtime.fixtures.ModuleJars;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** With {@code --watch}, rebuilding a module jar makes the runtime answer with the new code. */
class DevModeReloadTest {

    @TempDir
    Path root;

    private Path build(String version, Path jar) throws Exception {
        return build(version, "", jar);
    }

    private Path build(String version, String members, Path jar) throws Exception {
        Path built = ModuleJars.create().source("ver.Versioned", predictModule("ver.Versioned", "versioned", members,
                "Map.of(\"version\", \"" + version + "\")")).entryPoint("ver.Versioned")
                .writeTo(root.resolve("build-" + version + ".jar"));
        return Files.move(built, jar, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    private static String version(TestRuntime runtime) {
        TestRuntime.Answer answer = runtime.postJson("/v2/models/versioned/predict/", Map.of());
        assertThat(answer.status()).as(answer.text()).isEqualTo(200);
        return answer.json().at("/predictions/version").asText();
    }

    @Test
    void aRebuiltJarIsReloadedAndAnswersTheNewVersion() throws Exception {
        Path modules = Files.createDirectories(root.resolve("modules"));
        Path jar = build("1.0", modules.resolve("versioned.jar"));
        try (TestRuntime runtime = TestRuntime.start(c -> c.modulePath(List.of(modules)).watch(true), "versioned")) {
            assertThat(version(runtime)).isEqualTo("1.0");
            Thread.sleep(1100); // a new modification time, even on file systems that keep seconds
            build("1.1", jar);
            TestRuntime.eventually(Duration.ofSeconds(30), "the runtime answers 1.1", () -> version(runtime).equals("1.1"));
            assertThat(runtime.get("/v2/models/versioned/").json().path("state").asText()).isEqualTo("ready");
        }
    }

    @Test
    void aRebuildThatDoesNotLoadKeepsTheOldCodeServing() throws Exception {
        Path modules = Files.createDirectories(root.resolve("modules"));
        Path jar = build("1.0", modules.resolve("versioned.jar"));
        try (TestRuntime runtime = TestRuntime.start(c -> c.modulePath(List.of(modules)).watch(true), "versioned")) {
            Thread.sleep(1100);
            Path broken = ModuleJars.create().entryPoint("ver.Gone").writeTo(root.resolve("broken.jar"));
            Files.move(broken, jar, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            Thread.sleep(2000); // several polls
            assertThat(version(runtime)).isEqualTo("1.0");
        }
    }

    private static String declaring(String argument) {
        return "public List<Argument> predictArguments() { return List.of(Argument.string(\"" + argument
                + "\").description(\"declared by this build\")); }";
    }

    @Test
    void aReloadRebuildsTheServedOpenApiDocument() throws Exception {
        Path modules = Files.createDirectories(root.resolve("modules"));
        Path jar = build("1.0", declaring("alpha_argument"), modules.resolve("versioned.jar"));
        try (TestRuntime runtime = TestRuntime.start(c -> c.modulePath(List.of(modules)).watch(true), "versioned")) {
            assertThat(runtime.get("/openapi.json").text()).contains("alpha_argument").doesNotContain("beta_argument");
            Thread.sleep(1100);
            build("1.1", declaring("beta_argument"), jar);
            TestRuntime.eventually(Duration.ofSeconds(30), "the runtime answers 1.1", () -> version(runtime).equals("1.1"));
            TestRuntime.eventually(Duration.ofSeconds(10), "the documents describe the new declarations",
                    () -> runtime.get("/openapi.json").text().contains("beta_argument"));
            assertThat(runtime.get("/openapi.json").text()).doesNotContain("alpha_argument");
            assertThat(runtime.get("/openapi.yaml").text()).contains("beta_argument").doesNotContain("alpha_argument");
            assertThat(runtime.get("/swagger.json").text()).contains("beta_argument").doesNotContain("alpha_argument");
        }
    }
}
