package io.jdeepaas.runtime.registry;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.jdeepaas.runtime.TestRuntime;
import io.jdeepaas.runtime.fixtures.ModuleJars;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --model-name} selects before anything is created: a class that names its model with
 * {@code @ModelName} is not constructed when its model is not selected.
 */
class SelectionBeforeCreationTest {

    @TempDir
    static Path modules;

    @TempDir
    static Path marks;

    @BeforeAll
    static void buildJars() {
        ModuleJars.create().source("chosen.Chosen", annotated("chosen.Chosen", "chosen", "", "Map.of(\"ok\", true)"))
                .entryPoint("chosen.Chosen").writeTo(modules.resolve("chosen.jar"));
        String mark = marks.resolve("trap-constructed").toString().replace("\\", "\\\\");
        ModuleJars.create().source("trap.Trap", annotated("trap.Trap", "trap", "public Trap() throws Exception {"
                        + " java.nio.file.Files.writeString(java.nio.file.Path.of(\"" + mark + "\"), \"x\");"
                        + " throw new IllegalStateException(\"the trap's constructor ran\"); }", "1"))
                .entryPoint("trap.Trap").writeTo(modules.resolve("module-with-a-trap.jar"));
        ModuleJars.create().source("twice.Twice", annotated("twice.Twice", "twice",
                        "public String name() { return \"other\"; }", "1"))
                .entryPoint("twice.Twice").writeTo(modules.resolve("twice.jar"));
    }

    private static String annotated(String className, String name, String extraMembers, String answer) {
        int dot = className.lastIndexOf('.');
        return "package " + className.substring(0, dot) + ";\n"
                + "import io.jdeepaas.spi.*;\nimport java.util.*;\n"
                + "@ModelName(\"" + name + "\")\n"
                + "public class " + className.substring(dot + 1) + " implements ModelEntryPoint {\n"
                + "  public ModelMetadata metadata() { return ModelMetadata.describe(\"a test module\"); }\n"
                + extraMembers + "\n"
                + "  public Object predict(PredictRequest in) throws Exception { return " + answer + "; }\n"
                + "}\n";
    }

    @Test
    void anUnselectedAnnotatedClassIsNeverConstructed() {
        try (TestRuntime runtime = TestRuntime.start(c -> c.modulePath(List.of(modules)), "chosen")) {
            TestRuntime.Answer predict = runtime.postJson("/v2/models/chosen/predict/", Map.of());
            assertThat(predict.status()).isEqualTo(200);
            assertThat(predict.json().at("/predictions/ok").asBoolean()).isTrue();
            assertThat(runtime.get("/v2/models/").json().path("models")).extracting(m -> m.path("name").asText())
                    .containsExactly("chosen");
        }
        assertThat(marks.resolve("trap-constructed")).doesNotExist();
    }

    @Test
    void aSelectedAnnotatedClassIsConstructedAndItsFailureShown() {
        try (TestRuntime runtime = TestRuntime.start(c -> c.modulePath(List.of(modules)), "trap")) {
            JsonNode trap = runtime.get("/v2/models/trap/").json();
            assertThat(trap.path("state").asText()).isEqualTo("failed");
            assertThat(trap.path("error").asText()).contains("trap.Trap", "module-with-a-trap.jar", "the trap's constructor ran");
        }
        assertThat(marks.resolve("trap-constructed")).exists();
    }

    @Test
    void anAnnotationThatDisagreesWithNameIsAFailedModel() {
        try (TestRuntime runtime = TestRuntime.start(c -> c.modulePath(List.of(modules)), "twice")) {
            JsonNode twice = runtime.get("/v2/models/twice/").json();
            assertThat(twice.path("state").asText()).isEqualTo("failed");
            assertThat(twice.path("error").asText()).contains("twice.Twice", "@ModelName(\"twice\")", "returns 'other'");
        }
    }
}
