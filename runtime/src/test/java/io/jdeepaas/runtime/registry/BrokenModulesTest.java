package io.jdeepaas.runtime.registry;

import static io.jdeepaas.runtime.fixtures.ModuleJars.predictModule;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.jdeepaas.runtime.TestRuntime;
import io.jdeepaas.runtime.fixtures.ModuleJars;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One broken module jar breaks nothing else: each broken jar (or bad declaration) is listed as a
 * failed model with one readable message naming its class and jar, and the good module serves.
 */
class BrokenModulesTest {

    @TempDir
    static Path modules;

    @BeforeAll
    static void buildJars() throws Exception {
        ModuleJars.create().source("good.Good", predictModule("good.Good", "good", "", "Map.of(\"ok\", true)"))
                .entryPoint("good.Good").writeTo(modules.resolve("good.jar"));
        ModuleJars.create().entryPoint("com.example.mistakes.NoSuchClass").writeTo(modules.resolve("missing.jar"));
        ModuleJars.create().source("thrower.Thrower", predictModule("thrower.Thrower", "thrower",
                "public Thrower() { throw new IllegalStateException(\"no licence file next to the jar\"); }", "1"))
                .entryPoint("thrower.Thrower").writeTo(modules.resolve("throwing.jar"));
        Path work = Files.createTempDirectory("lib");
        Path lib = ModuleJars.create().source("lib.Helper", "package lib; public class Helper {"
                + " public String version() { return \"1\"; } }").writeTo(work.resolve("helper.jar"));
        ModuleJars.create().compileAgainst(lib).source("needs.NeedsDep", predictModule("needs.NeedsDep", "needsdep",
                "private final lib.Helper helper = new lib.Helper();", "helper.version()"))
                .entryPoint("needs.NeedsDep").writeTo(modules.resolve("needsdep.jar"));
        ModuleJars.create().source("bad.BadName", predictModule("bad.BadName", "Bad Name", "", "1"))
                .entryPoint("bad.BadName").writeTo(modules.resolve("badname.jar"));
        ModuleJars.create().source("dupa.Dup", predictModule("dupa.Dup", "dup", "", "\"a\""))
                .entryPoint("dupa.Dup").writeTo(modules.resolve("dup-a.jar"));
        ModuleJars.create().source("dupb.Dup", predictModule("dupb.Dup", "dup", "", "\"b\""))
                .entryPoint("dupb.Dup").writeTo(modules.resolve("dup-b.jar"));
        declaring("baddefault", "Argument.integer(\"k\").range(1, 10).defaultValue(50)");
        declaring("wrongtype", "Argument.integer(\"n\").defaultValue(\"ten\")");
        declaring("badenum", "Argument.string(\"choice\").allowedValues(\"a\", \"b\").defaultValue(\"z\")");
        declaring("reserved", "Argument.string(\"accept\")");
    }

    private static void declaring(String name, String argument) {
        String className = name + ".Declares";
        ModuleJars.create().source(className, predictModule(className, name,
                "public List<Argument> predictArguments() { return List.of(" + argument + "); }", "1"))
                .entryPoint(className).writeTo(modules.resolve(name + ".jar"));
    }

    private static Map<String, JsonNode> models(TestRuntime runtime) {
        Map<String, JsonNode> byName = new HashMap<>();
        runtime.get("/v2/models/").json().path("models").forEach(m -> byName.put(m.path("name").asText(), m));
        return byName;
    }

    @Test
    void eachBrokenJarIsAFailedModelWithItsReasonAndTheGoodOneServes() {
        try (TestRuntime runtime = TestRuntime.start(c -> c.modulePath(List.of(modules)), "good", "missing",
                "throwing", "needsdep", "badname", "dup", "baddefault", "wrongtype", "badenum", "reserved")) {
            TestRuntime.Answer predict = runtime.postJson("/v2/models/good/predict/", Map.of());
            assertThat(predict.status()).isEqualTo(200);
            assertThat(predict.json().at("/predictions/ok").asBoolean()).isTrue();

            Map<String, JsonNode> models = models(runtime);
            assertThat(models.get("good").path("state").asText()).isEqualTo("ready");
            assertFailed(models, "missing", "com.example.mistakes.NoSuchClass", "missing.jar", "no such class");
            assertFailed(models, "throwing", "thrower.Thrower", "throwing.jar", "no licence file next to the jar");
            assertFailed(models, "needsdep", "needs.NeedsDep", "needsdep.jar", "needs class lib.Helper");
            assertFailed(models, "badname", "bad.BadName", "badname.jar", "invalid model name 'Bad Name'");
            assertFailed(models, "dup", "dupa.Dup in ", "dup-a.jar", "dupb.Dup in ");
            assertThat(models.get("dup").path("error").asText()).contains("dup-b.jar");
            assertFailed(models, "baddefault", "predict argument 'k'", "baddefault.jar", "must be at most 10, got 50");
            assertFailed(models, "wrongtype", "predict argument 'n'", "\"ten\"", "not of the declared type integer");
            assertFailed(models, "badenum", "predict argument 'choice'", "must be one of a, b", "'z'");
            assertFailed(models, "reserved", "predict argument 'accept'", "reserves", "rename it");

            TestRuntime.Answer failed = runtime.postJson("/v2/models/baddefault/predict/", Map.of());
            assertThat(failed.status()).isEqualTo(503);
            assertThat(failed.json().path("message").asText()).contains("argument 'k'");
        }
    }

    @Test
    void modelNameServesTheSelectedModuleWhateverTheOthersHold() {
        try (TestRuntime runtime = TestRuntime.start(c -> c.modulePath(List.of(modules)), "good")) {
            assertThat(models(runtime).keySet()).containsExactly("good");
            assertThat(runtime.postJson("/v2/models/good/predict/", Map.of()).status()).isEqualTo(200);
        }
    }

    @Test
    void aDuplicateNameFailsBothModulesEvenWhenSelected() {
        try (TestRuntime runtime = TestRuntime.start(c -> c.modulePath(List.of(modules)), "dup")) {
            JsonNode dup = runtime.get("/v2/models/dup/").json();
            assertThat(dup.path("state").asText()).isEqualTo("failed");
            assertThat(dup.path("error").asText()).contains("dupa.Dup", "dupb.Dup", "dup-a.jar", "dup-b.jar");
        }
    }

    private static void assertFailed(Map<String, JsonNode> models, String name, String... fragments) {
        assertThat(models).containsKey(name);
        JsonNode model = models.get(name);
        assertThat(model.path("state").asText()).as(name).isEqualTo("failed");
        String error = model.path("error").asText();
        assertThat(error).as(name).contains(fragments).doesNotContain("Exception", "\tat ");
    }
}
