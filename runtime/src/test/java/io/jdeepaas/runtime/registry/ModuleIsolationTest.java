package io.jdeepaas.runtime.registry;

import static io.jdeepaas.runtime.fixtures.ModuleJars.predictModule;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.jdeepaas.runtime.TestRuntime;
import io.jdeepaas.runtime.fixtures.ModuleJars;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Each module has its own class loader: its own libraries win over the runtime's, two modules ship
 * two versions of one library side by side, and neither sees the runtime's classes nor the other's.
 * Packagings: a sub-folder with {@code lib/}, and a thin jar whose manifest {@code Class-Path} names
 * its library.
 */
class ModuleIsolationTest {

    @TempDir
    static Path root;

    static Path modules;

    private static final String PROBE = "private static boolean sees(String c) {"
            + " try { Class.forName(c, false, Thread.currentThread().getContextClassLoader()); return true; }"
            + " catch (ClassNotFoundException e) { return false; } }\n"
            + "private static boolean seesOwn(Class<?> self, String c) {"
            + " try { Class.forName(c, false, self.getClassLoader()); return true; }"
            + " catch (ClassNotFoundException e) { return false; } }";

    private static String answer(String self, String sibling) {
        return "Map.of(\"version\", lib.Version.version(), \"picocli\", picocli.CommandLine.whose(),"
                + " \"runtime\", seesOwn(" + self + ".class, \"io.jdeepaas.runtime.Server\"),"
                + " \"jackson\", seesOwn(" + self + ".class, \"com.fasterxml.jackson.databind.ObjectMapper\"),"
                + " \"sibling\", seesOwn(" + self + ".class, \"" + sibling + "\"),"
                + " \"context\", sees(\"lib.Version\"))";
    }

    @BeforeAll
    static void buildModules() throws Exception {
        modules = Files.createDirectories(root.resolve("modules"));
        Path work = Files.createDirectories(root.resolve("work"));
        Path v1 = library(work.resolve("version-1.jar"), "1");
        Path v2 = library(work.resolve("version-2.jar"), "2");

        // alpha: a sub-folder holding the module jar and lib/ with its libraries
        Path alpha = Files.createDirectories(modules.resolve("alpha").resolve("lib"));
        ModuleJars.create().compileAgainst(v1).source("alpha.Alpha",
                predictModule("alpha.Alpha", "alpha", PROBE, answer("Alpha", "beta.Beta")))
                .entryPoint("alpha.Alpha").writeTo(modules.resolve("alpha").resolve("alpha.jar"));
        Files.copy(v1, alpha.resolve("version-1.jar"));

        // beta: a thin jar beside alpha, its library named by its manifest Class-Path
        Path betaLibs = Files.createDirectories(root.resolve("beta-libs"));
        Files.copy(v2, betaLibs.resolve("version-2.jar"));
        ModuleJars.create().compileAgainst(v2).source("beta.Beta",
                predictModule("beta.Beta", "beta", PROBE, answer("Beta", "alpha.Alpha")))
                .entryPoint("beta.Beta").manifestClassPath("../beta-libs/version-2.jar")
                .writeTo(modules.resolve("beta.jar"));
    }

    /** A library with {@code lib.Version.version()} and a {@code picocli.CommandLine}, a class the runtime also has. */
    private static Path library(Path jar, String version) {
        return ModuleJars.create()
                .source("lib.Version", "package lib; public class Version { public static String version() {"
                        + " return \"" + version + "\"; } }")
                .source("picocli.CommandLine", "package picocli; public class CommandLine {"
                        + " public static String whose() { return \"the module's own, version " + version + "\"; } }")
                .writeTo(jar);
    }

    @Test
    void eachModuleAnswersWithItsOwnLibraryAndSeesNeitherTheRuntimeNorTheOtherModule() {
        try (TestRuntime runtime = TestRuntime.start(c -> c.modulePath(List.of(modules)), "alpha", "beta")) {
            JsonNode alpha = predict(runtime, "alpha");
            JsonNode beta = predict(runtime, "beta");
            assertThat(alpha.path("version").asText()).isEqualTo("1");
            assertThat(beta.path("version").asText()).isEqualTo("2");
            assertThat(alpha.path("picocli").asText()).isEqualTo("the module's own, version 1");
            assertThat(beta.path("picocli").asText()).isEqualTo("the module's own, version 2");
            for (JsonNode answer : List.of(alpha, beta)) {
                assertThat(answer.path("runtime").asBoolean()).as("sees io.jdeepaas.runtime").isFalse();
                assertThat(answer.path("jackson").asBoolean()).as("sees the runtime's Jackson").isFalse();
                assertThat(answer.path("sibling").asBoolean()).as("sees the other module").isFalse();
                assertThat(answer.path("context").asBoolean()).as("context loader is the module's").isTrue();
            }
        }
    }

    private static JsonNode predict(TestRuntime runtime, String model) {
        TestRuntime.Answer answer = runtime.postJson("/v2/models/" + model + "/predict/", Map.of());
        assertThat(answer.status()).as(answer.text()).isEqualTo(200);
        return answer.json().path("predictions");
    }
}
