package io.jdeepaas.runtime.engines;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jdeepaas.examples.iris.Iris;
import io.jdeepaas.examples.tfiris.TfIris;
import io.jdeepaas.spi.PredictRequest;
import io.jdeepaas.spi.TrainRequest;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TfIrisTest {

    private static final double[][] FLOWERS = {
        {5.1, 3.5, 1.4, 0.2}, {7.0, 3.2, 4.7, 1.4}, {6.3, 3.3, 6.0, 2.5}, {5.9, 3.0, 5.1, 1.8}, {4.9, 2.5, 4.5, 1.7},
    };
    private static final List<String> SPECIES = List.of("setosa", "versicolor", "virginica");

    @TempDir
    Path dir;

    @BeforeAll
    static void engines() {
        EngineFixture.prepared();
    }

    @Test
    void predictionsEqualTheLinearModelComputedInPlainJava() throws Exception {
        try (TfIris tfIris = new TfIris()) {
            tfIris.warm(EngineFixture.cpu(dir));
            assertThat(dir.resolve("savedmodel").resolve("saved_model.pb")).isRegularFile();

            List<Double> rows = new ArrayList<>();
            for (double[] flower : FLOWERS) {
                for (double v : flower) {
                    rows.add(v);
                }
            }
            List<?> answers = (List<?>) tfIris.predict(PredictRequest.of(Map.of("rows", rows)));

            assertThat(answers).hasSize(FLOWERS.length);
            for (int i = 0; i < FLOWERS.length; i++) {
                double[] expected = independently(FLOWERS[i]);
                Map<?, ?> answer = (Map<?, ?>) answers.get(i);
                Map<?, ?> probabilities = (Map<?, ?>) answer.get("probabilities");
                for (int k = 0; k < 3; k++) {
                    assertThat((Double) probabilities.get(SPECIES.get(k))).as("flower %d, %s", i, SPECIES.get(k))
                            .isCloseTo(expected[k], org.assertj.core.data.Offset.offset(1e-6));
                }
                assertThat(answer.get("class")).isEqualTo(SPECIES.get(argMax(expected)));
            }
            assertThat(((Map<?, ?>) answers.get(0)).get("class")).isEqualTo("setosa");
            assertThat(((Map<?, ?>) answers.get(2)).get("class")).isEqualTo("virginica");
        }
    }

    @Test
    void aSecondWarmLoadsTheSavedModelAlreadyWritten() throws Exception {
        try (TfIris first = new TfIris()) {
            first.warm(EngineFixture.cpu(dir));
        }
        long written = Files.getLastModifiedTime(dir.resolve("savedmodel").resolve("saved_model.pb")).toMillis();
        try (TfIris second = new TfIris()) {
            second.warm(EngineFixture.cpu(dir));
            Map<?, ?> answer = (Map<?, ?>) second.predict(PredictRequest.of(Map.of(
                    "sepal_length", 6.7, "sepal_width", 3.0, "petal_length", 5.2, "petal_width", 2.3)));
            assertThat(answer.get("class")).isEqualTo("virginica");
        }
        assertThat(Files.getLastModifiedTime(dir.resolve("savedmodel").resolve("saved_model.pb")).toMillis())
                .isEqualTo(written);
    }

    @Test
    void trainingIsNotOfferedSoTheRuntimeAnswers501() {
        assertThat(io.jdeepaas.runtime.registry.ModelCapabilities.trains(new TfIris())).isFalse();
        assertThat(new TfIris().metadata().description()).contains("inference only");
    }

    @Test
    void pyTorchAndTensorFlowModelsServeSideBySideInOneProcess() throws Exception {
        try (TfIris tfIris = new TfIris(); Iris iris = new Iris()) {
            tfIris.warm(EngineFixture.cpu(Files.createDirectories(dir.resolve("tf-iris"))));
            iris.warm(EngineFixture.cpu(Files.createDirectories(dir.resolve("iris"))));
            Map<String, Object> flower = Map.of("sepal_length", 5.0, "sepal_width", 3.4, "petal_length", 1.5,
                    "petal_width", 0.2);
            assertThat(((Map<?, ?>) tfIris.predict(PredictRequest.of(flower))).get("class")).isEqualTo("setosa");
            assertThat(((Map<?, ?>) iris.predict(PredictRequest.of(flower))).get("class")).isEqualTo("setosa");
        }
    }

    /** softmax(((x - mean) * inv_std) . W + b), in doubles, from the committed weights file. */
    static double[] independently(double[] x) throws Exception {
        Properties p = new Properties();
        try (InputStream in = TfIris.class.getResourceAsStream("weights.properties")) {
            p.load(in);
        }
        double[] mean = numbers(p.getProperty("mean"));
        double[] invStd = numbers(p.getProperty("inv_std"));
        double[] bias = numbers(p.getProperty("bias"));
        double[] logits = bias.clone();
        for (int j = 0; j < 4; j++) {
            double z = (x[j] - mean[j]) * invStd[j];
            double[] row = numbers(p.getProperty("weights." + j));
            for (int k = 0; k < 3; k++) {
                logits[k] += z * row[k];
            }
        }
        double max = Math.max(logits[0], Math.max(logits[1], logits[2]));
        double sum = 0;
        for (int k = 0; k < 3; k++) {
            logits[k] = Math.exp(logits[k] - max);
            sum += logits[k];
        }
        for (int k = 0; k < 3; k++) {
            logits[k] /= sum;
        }
        return logits;
    }

    private static double[] numbers(String csv) {
        String[] cells = csv.split(",");
        double[] values = new double[cells.length];
        for (int i = 0; i < cells.length; i++) {
            values[i] = Double.parseDouble(cells[i].trim());
        }
        return values;
    }

    private static int argMax(double[] values) {
        int best = 0;
        for (int k = 1; k < values.length; k++) {
            best = values[k] > values[best] ? k : best;
        }
        return best;
    }
}
