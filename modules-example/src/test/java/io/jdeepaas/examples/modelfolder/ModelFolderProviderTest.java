package io.jdeepaas.examples.modelfolder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.jdeepaas.spi.Device;
import io.jdeepaas.spi.InvalidArgumentException;
import io.jdeepaas.spi.ModelEntryPoint;
import io.jdeepaas.spi.ModelVersion;
import io.jdeepaas.spi.PredictRequest;
import io.jdeepaas.spi.ProviderContext;
import io.jdeepaas.spi.WarmContext;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelFolderProviderTest {

    @TempDir
    static Path temp;

    private static ModelEntryPoint linear;

    @BeforeAll
    static void serveTheFixtureStore() throws Exception {
        List<ModelEntryPoint> models = new ModelFolderProvider().entryPoints(context(LinearFixture.modelStore()));
        assertThat(models).extracting(ModelEntryPoint::name).containsExactly("linear");
        linear = models.get(0);
        linear.warm(new WarmContext(Device.cpu(), temp.resolve("data"), Map.of(), System.getLogger("linear")));
    }

    @AfterAll
    static void close() throws Exception {
        linear.close();
    }

    private static ProviderContext context(Path store) {
        return new ProviderContext(temp, Map.of(ModelFolderProvider.SETTING, store.toString()));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> predict(Object x) throws Exception {
        return (Map<String, Object>) linear.predict(PredictRequest.of(Map.of("inputs", Map.of("x", x))));
    }

    @SuppressWarnings("unchecked")
    private static List<List<Number>> outputRows(Map<String, Object> answer) {
        return (List<List<Number>>) ((Map<String, Object>) answer.get("outputs")).get("y");
    }

    @Test
    void theTorchScriptModelAnswersWxPlusBForEveryRow() throws Exception {
        double[][] rows = {{1, 2, 3, 4}, {5.1, 3.5, 1.4, 0.2}, {-1, 0.5, 0, 2}};
        List<List<Double>> x = new ArrayList<>();
        for (double[] row : rows) {
            x.add(List.of(row[0], row[1], row[2], row[3]));
        }

        Map<String, Object> answer = predict(x);

        List<List<Number>> y = outputRows(answer);
        assertThat(y).hasSize(rows.length);
        for (int r = 0; r < rows.length; r++) {
            double[] expected = LinearFixture.expected(rows[r]);
            for (int c = 0; c < expected.length; c++) {
                assertThat(y.get(r).get(c).doubleValue()).isCloseTo(expected[c], within(1e-5));
            }
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void labelsNameTheArgMaxOfEachRow() throws Exception {
        Map<String, Object> answer = predict(List.of(List.of(1, 1, 1, 1), List.of(-2, 0, 1, 0)));

        List<Map<String, Object>> classes = (List<Map<String, Object>>) answer.get("classes");
        assertThat(classes).extracting(c -> c.get("label")).containsExactly("a", "c");
        assertThat(classes).extracting(c -> c.get("index")).containsExactly(0L, 2L);
    }

    @Test
    void metadataAndEngineComeFromTheDescriptor() {
        assertThat(linear.engine()).contains("PyTorch");
        assertThat(linear.metadata().version()).isEqualTo("1.0");
        assertThat(linear.metadata().extras()).containsEntry("labels", List.of("a", "b", "c"));
        assertThat(linear.predictArguments()).singleElement().satisfies(a -> {
            assertThat(a.name()).isEqualTo("inputs");
            assertThat(a.isRequired()).isTrue();
        });
    }

    @Test
    void aTensorOfTheWrongShapeIsAnInvalidInputsArgument() {
        assertThatThrownBy(() -> predict(List.of(List.of(1, 2, 3))))
                .isInstanceOfSatisfying(InvalidArgumentException.class, e -> assertThat(e.argument()).isEqualTo("inputs"))
                .hasMessageContaining("input 'x' has shape [1, 3] but the model expects [-1, 4]");
        assertThatThrownBy(() -> predict(List.of(1, 2, 3, 4)))
                .isInstanceOf(InvalidArgumentException.class).hasMessageContaining("shape [4]");
    }

    @Test
    void raggedOrNonNumericTensorsAndUnknownOrMissingInputsAreInvalid() {
        assertThatThrownBy(() -> predict(List.of(List.of(1, 2, 3, 4), List.of(1, 2, 3))))
                .isInstanceOf(InvalidArgumentException.class).hasMessageContaining("not rectangular");
        assertThatThrownBy(() -> predict(List.of(List.of(1, 2, "three", 4))))
                .isInstanceOf(InvalidArgumentException.class).hasMessageContaining("where a number belongs");
        assertThatThrownBy(() -> linear.predict(PredictRequest.of(Map.of("inputs", Map.of("z", List.of())))))
                .isInstanceOf(InvalidArgumentException.class).hasMessageContaining("input 'x' is missing");
        assertThatThrownBy(() -> linear.predict(PredictRequest.of(Map.of("inputs",
                Map.of("x", List.of(List.of(1, 2, 3, 4)), "extra", 1)))))
                .isInstanceOf(InvalidArgumentException.class).hasMessageContaining("unknown input 'extra'");
    }

    @Test
    void concurrentPredictionsEachGetTheirOwnRowsAnswer() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(6);
        try {
            List<Callable<Boolean>> calls = new ArrayList<>();
            for (int i = 0; i < 120; i++) {
                double[] row = {i, -i / 2.0, i % 7, 1};
                calls.add(() -> {
                    List<Number> y = outputRows(predict(List.of(List.of(row[0], row[1], row[2], row[3])))).get(0);
                    double[] expected = LinearFixture.expected(row);
                    for (int c = 0; c < expected.length; c++) {
                        if (Math.abs(y.get(c).doubleValue() - expected[c]) > 1e-3) {
                            return false;
                        }
                    }
                    return true;
                });
            }
            List<Boolean> right = new ArrayList<>();
            for (Future<Boolean> future : pool.invokeAll(calls)) {
                right.add(future.get());
            }
            assertThat(right).hasSize(120).containsOnly(true);
        } finally {
            pool.shutdown();
        }
    }

    @Test
    void foldersWithAMissingOrMalformedDescriptorAreSkippedAndTheOthersServed() throws Exception {
        Path store = Files.createDirectories(temp.resolve("store"));
        Path fixture = LinearFixture.modelStore().resolve("linear");
        Path good = Files.createDirectories(store.resolve("good"));
        Files.copy(fixture.resolve("model.pt"), good.resolve("model.pt"));
        Files.copy(fixture.resolve("model.json"), good.resolve("model.json"));
        Path notJson = Files.createDirectories(store.resolve("a-not-json"));
        Files.copy(fixture.resolve("model.pt"), notJson.resolve("model.pt"));
        Files.writeString(notJson.resolve("model.json"), "{\"name\": \"broken\", ");
        Path noDescriptor = Files.createDirectories(store.resolve("b-no-descriptor"));
        Files.copy(fixture.resolve("model.pt"), noDescriptor.resolve("model.pt"));
        Path noModelFile = Files.createDirectories(store.resolve("c-no-model-file"));
        Files.writeString(noModelFile.resolve("model.json"), Files.readString(fixture.resolve("model.json"))
                .replace("\"linear\"", "\"other\""));
        Path badShape = Files.createDirectories(store.resolve("d-bad-shape"));
        Files.copy(fixture.resolve("model.pt"), badShape.resolve("model.pt"));
        Files.writeString(badShape.resolve("model.json"), Files.readString(fixture.resolve("model.json"))
                .replace("[-1, 4]", "[0, \"four\"]").replace("\"linear\"", "\"bad-shape\""));

        List<ModelEntryPoint> models = new ModelFolderProvider().entryPoints(context(store));

        assertThat(models).extracting(ModelEntryPoint::name).containsExactly("linear");
        assertThatThrownBy(() -> ModelDescriptor.read(notJson)).hasMessageContaining("not valid JSON");
        assertThatThrownBy(() -> ModelDescriptor.read(noDescriptor)).hasMessageContaining("no model.json");
        assertThatThrownBy(() -> ModelDescriptor.read(noModelFile)).hasMessageContaining("needs model.pt");
        assertThatThrownBy(() -> ModelDescriptor.read(badShape)).hasMessageContaining("bad shape entry 0");
    }

    @Test
    void numberedSubfoldersAreTheShippedVersionsAndTheNamedOneIsLoaded() throws Exception {
        Path fixture = LinearFixture.modelStore().resolve("linear");
        Path store = Files.createDirectories(temp.resolve("numbered"));
        Path folder = Files.createDirectories(store.resolve("linear"));
        Files.copy(fixture.resolve("model.json"), folder.resolve("model.json"));
        for (String version : List.of("1", "2", "10")) {
            Files.copy(fixture.resolve("model.pt"), Files.createDirectories(folder.resolve(version)).resolve("model.pt"));
        }
        Files.createDirectories(folder.resolve("notes"));
        Path upload = Files.createDirectories(temp.resolve("uploaded"));
        Files.copy(fixture.resolve("model.pt"), upload.resolve("linear-retrained.pt"));

        ModelEntryPoint numbered = new ModelFolderProvider().entryPoints(context(store)).get(0);

        assertThat(numbered.shippedVersions()).extracting(ModelVersion::id).containsExactly("1", "2", "10");
        assertThat(folder.resolve("10").resolve("model.pt")).isEqualTo(ModelDescriptor.read(folder).modelPath());
        assertThat(ModelDescriptor.read(folder).modelPath(upload)).isEqualTo(upload.resolve("linear-retrained.pt"));
        assertThat(linear.shippedVersions()).as("a flat folder ships no numbered version").isEmpty();
        numbered.warm(new WarmContext(Device.cpu(), temp.resolve("numbered-data"), Map.of(), System.getLogger("linear"),
                java.util.Optional.of(new ModelVersion("9", upload))));
        try {
            assertThat(numbered.predict(PredictRequest.of(Map.of("inputs", Map.of("x", List.of(List.of(1, 1, 1, 1)))))))
                    .asString().contains("outputs");
        } finally {
            numbered.close();
        }
        Files.delete(folder.resolve("10").resolve("model.pt"));
        assertThatThrownBy(() -> ModelDescriptor.read(folder)).hasMessageContaining("needs model.pt")
                .hasMessageContaining("10/");
    }

    @Test
    void withoutAModelStoreSettingNoModelIsServed() throws Exception {
        assertThat(new ModelFolderProvider().entryPoints(new ProviderContext(temp, Map.of()))).isEmpty();
    }
}
