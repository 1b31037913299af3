package io.jdeepaas.examples.iris;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jdeepaas.spi.InvalidArgumentException;
import io.jdeepaas.spi.PredictRequest;
import io.jdeepaas.spi.Device;
import io.jdeepaas.spi.ModelVersion;
import io.jdeepaas.spi.WarmContext;
import io.jdeepaas.spi.TrainingCancelledException;
import io.jdeepaas.testkit.InvalidRequestException;
import io.jdeepaas.testkit.ModuleContract;
import io.jdeepaas.testkit.RecordingTrainingContext;
import io.jdeepaas.testkit.Requests;
import io.jdeepaas.testkit.TestWarmContexts;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IrisTest {

    private static final Map<String, Object> SETOSA = Map.of(
            "sepal_length", 5.1, "sepal_width", 3.5, "petal_length", 1.4, "petal_width", 0.2);
    private static final Map<String, Object> VIRGINICA = Map.of(
            "sepal_length", 6.7, "sepal_width", 3.0, "petal_length", 5.2, "petal_width", 2.3);

    @TempDir
    Path dir;

    @Test
    void theInitialWeightsClassifyTheDataSetWell() throws Exception {
        try (Iris iris = warmed(dir.resolve("data"))) {
            IrisData data = IrisData.load();
            int right = 0;
            for (IrisData.Flower flower : data.flowers()) {
                Map<?, ?> answer = (Map<?, ?>) iris.predict(PredictRequest.of(measurements(flower.features())));
                right += IrisData.SPECIES.get(flower.label()).equals(answer.get("class")) ? 1 : 0;
                assertThat(answer.get("weights")).isEqualTo("initial");
            }
            assertThat(right / 150.0).isGreaterThanOrEqualTo(0.9);
            assertThat(iris.metadata().extras()).containsEntry("weights", "initial");
        }
    }

    @Test
    void withoutShippedWeightsTheFirstWarmTrainsThemWithTheDefaultSettings() throws Exception {
        Path data = Files.createDirectories(dir.resolve("data"));
        try (Iris iris = new Iris(false)) {
            iris.warm(TestWarmContexts.of(Device.cpu(), data, Map.of()));
            assertThat(((Map<?, ?>) iris.predict(PredictRequest.of(SETOSA))).get("class")).isEqualTo("setosa");
            assertThat(iris.metadata().extras()).containsEntry("weights", "initial");
            @SuppressWarnings("unchecked")
            Map<String, Double> metrics = (Map<String, Double>) iris.metadata().extras().get("weights_metrics");
            assertThat(metrics.get("val_accuracy")).isGreaterThanOrEqualTo(0.9);
        }
        assertThat(data.resolve("initial").resolve("iris-0060.params")).isRegularFile();
    }

    @Test
    void trainingReachesHeldOutAccuracyWithFallingLossAndSavesAModelThatAWarmWithItsVersionServes() throws Exception {
        try (Iris iris = warmed(dir.resolve("data"))) {
            Map<?, ?> before = (Map<?, ?>) iris.predict(PredictRequest.of(VIRGINICA));
            RecordingTrainingContext context = new RecordingTrainingContext(
                    dir.resolve("trainings").resolve("3f2a9c"), Device.cpu());

            long start = System.nanoTime();
            Map<?, ?> result = (Map<?, ?>) iris.train(Requests.train(iris, Map.of("seed", 7)), context);
            double seconds = (System.nanoTime() - start) / 1e9;

            List<RecordingTrainingContext.Metrics> steps = context.metrics();
            assertThat(steps).hasSize(60);
            assertThat(context.lastProgress()).isEqualTo(new RecordingTrainingContext.Progress(60, 60));
            double firstLoss = steps.get(0).values().get("loss");
            double lastLoss = steps.get(59).values().get("loss");
            assertThat(lastLoss).isLessThan(firstLoss / 2);
            assertThat(steps.get(59).values().get("val_accuracy")).isGreaterThanOrEqualTo(0.9);
            assertThat(result.get("val_accuracy")).isEqualTo(steps.get(59).values().get("val_accuracy"));
            assertThat(result.get("weights")).isEqualTo("3f2a9c");
            assertThat(Files.list(context.modelDir()).map(p -> p.getFileName().toString()))
                    .contains("iris-0060.params", "iris.properties");
            // the module keeps serving what it was warmed with: the runtime decides when the new version serves
            assertThat(((Map<?, ?>) iris.predict(PredictRequest.of(VIRGINICA))).get("weights")).isEqualTo("initial");

            try (Iris next = warmed(dir.resolve("data"), new ModelVersion("2", context.modelDir()))) {
                Map<?, ?> after = (Map<?, ?>) next.predict(PredictRequest.of(VIRGINICA));
                assertThat(after.get("weights")).isEqualTo("3f2a9c");
                assertThat(after.get("class")).isEqualTo("virginica");
                assertThat(after.get("probabilities")).isNotEqualTo(before.get("probabilities"));
                assertThat(next.metadata().extras()).containsEntry("weights", "3f2a9c");
            }
            System.out.printf("iris training: 60 epochs in %.2f s, loss %.3f -> %.3f, val_accuracy %.3f%n",
                    seconds, firstLoss, lastLoss, steps.get(59).values().get("val_accuracy"));
        }
    }

    @Test
    void aWarmWithoutAVersionServesTheInitialWeightsAndWithOneServesThatVersion() throws Exception {
        Path data = dir.resolve("data");
        RecordingTrainingContext run = new RecordingTrainingContext(dir.resolve("run-1"), Device.cpu());
        try (Iris iris = warmed(data)) {
            iris.train(Requests.train(iris, Map.of("epochs", 20)), run);
        }
        try (Iris restarted = warmed(data)) {
            assertThat(((Map<?, ?>) restarted.predict(PredictRequest.of(SETOSA))).get("weights")).isEqualTo("initial");
        }
        try (Iris versioned = warmed(data, new ModelVersion("7", run.modelDir()))) {
            Map<?, ?> answer = (Map<?, ?>) versioned.predict(PredictRequest.of(SETOSA));
            assertThat(answer.get("weights")).isEqualTo("run-1");
            assertThat(answer.get("class")).isEqualTo("setosa");
        }
    }

    @Test
    void aWarmStartContinuesTheServedWeightsAndNamesThem() throws Exception {
        try (Iris iris = warmed(dir.resolve("data"))) {
            RecordingTrainingContext seeded = new RecordingTrainingContext(dir.resolve("seeded"), Device.cpu());
            RecordingTrainingContext continued = new RecordingTrainingContext(dir.resolve("continued"), Device.cpu());

            Map<?, ?> fresh = (Map<?, ?>) iris.train(Requests.train(iris, Map.of("epochs", 1)), seeded);
            Map<?, ?> warm = (Map<?, ?>) iris.train(Requests.train(iris, Map.of("epochs", 1, "warm_start", true)),
                    continued);

            assertThat(fresh.get("started_from")).isEqualTo("seed 42");
            assertThat(warm.get("started_from")).isEqualTo("initial");
            assertThat(continued.metrics().get(0).values().get("loss"))
                    .as("one epoch on from trained weights beats one epoch from seeded ones")
                    .isLessThan(seeded.metrics().get(0).values().get("loss") / 2);
            assertThatThrownBy(() -> iris.train(Requests.train(iris, Map.of("warm_start", true, "hidden_units", 8)),
                    new RecordingTrainingContext(dir.resolve("narrow"), Device.cpu())))
                    .isInstanceOfSatisfying(InvalidArgumentException.class,
                            e -> assertThat(e.argument()).isEqualTo("hidden_units"));
        }
    }

    @Test
    void cancellingStopsTheTrainingWithinOneEpochAndKeepsTheServedWeights() throws Exception {
        try (Iris iris = warmed(dir.resolve("data"))) {
            RecordingTrainingContext context = new RecordingTrainingContext(dir.resolve("cancelled"), Device.cpu())
                    .cancellingAtStep(3);
            assertThatThrownBy(() -> iris.train(Requests.train(iris, Map.of("epochs", 500, "batch_size", 4)), context))
                    .isInstanceOf(TrainingCancelledException.class);
            assertThat(context.metrics()).hasSize(3);
            assertThat(((Map<?, ?>) iris.predict(PredictRequest.of(SETOSA))).get("weights")).isEqualTo("initial");
        }
    }

    @Test
    void rowsGiveOneAnswerPerFlower() throws Exception {
        try (Iris iris = warmed(dir.resolve("data"))) {
            List<?> answers = (List<?>) iris.predict(PredictRequest.of(Map.of(
                    "rows", List.of(5.1, 3.5, 1.4, 0.2, 6.7, 3.0, 5.2, 2.3, 5.9, 2.8, 4.3, 1.3))));
            assertThat(answers.stream().map(a -> String.valueOf(((Map<?, ?>) a).get("class"))).toList())
                    .containsExactly("setosa", "virginica", "versicolor");
            Map<?, ?> probabilities = (Map<?, ?>) ((Map<?, ?>) answers.get(0)).get("probabilities");
            assertThat(probabilities.keySet().stream().map(String::valueOf).toList()).containsExactly("setosa", "versicolor", "virginica");
            double sum = probabilities.values().stream().mapToDouble(v -> (Double) v).sum();
            assertThat(sum).isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-5));
        }
    }

    @Test
    void incompleteMeasurementsAreRejectedNamingTheArgument() throws Exception {
        try (Iris iris = warmed(dir.resolve("data"))) {
            assertThatThrownBy(() -> iris.predict(PredictRequest.of(Map.of(
                    "sepal_length", 5.1, "sepal_width", 3.5, "petal_length", 1.4))))
                    .isInstanceOfSatisfying(InvalidArgumentException.class,
                            e -> assertThat(e.argument()).isEqualTo("petal_width"));
            assertThatThrownBy(() -> iris.predict(PredictRequest.of(Map.of("rows", List.of(5.1, 3.5, 1.4, 0.2, 6.7)))))
                    .isInstanceOfSatisfying(InvalidArgumentException.class,
                            e -> assertThat(e.argument()).isEqualTo("rows"))
                    .hasMessageContaining("four numbers per flower; got 5 numbers");
            assertThatThrownBy(() -> iris.predict(PredictRequest.of(Map.of())))
                    .isInstanceOf(InvalidArgumentException.class);
        }
    }

    @Test
    void itsDeclarationsPassTheLoadChecksAndTheRuntimeRefusesBadTrainingArguments() throws Exception {
        try (Iris iris = new Iris()) {
            ModuleContract.check(iris);
            assertThat(Requests.train(iris, Map.of()).integer("epochs")).isEqualTo(60);
            assertThatThrownBy(() -> Requests.train(iris, Map.of("epochs", 0)))
                    .isInstanceOfSatisfying(InvalidRequestException.class,
                            e -> assertThat(e.errors()).containsKey("epochs"));
        }
    }

    static Iris warmed(Path data) throws Exception {
        Files.createDirectories(data);
        Iris iris = new Iris();
        iris.warm(TestWarmContexts.of(Device.cpu(), data, Map.of()));
        return iris;
    }

    /** @return an iris warmed with a version, as the runtime warms a trained one */
    static Iris warmed(Path data, ModelVersion version) throws Exception {
        Files.createDirectories(data);
        Iris iris = new Iris();
        iris.warm(new WarmContext(Device.cpu(), data, Map.of(), System.getLogger("test"), Optional.of(version)));
        return iris;
    }

    static Map<String, Object> measurements(float[] f) {
        return Map.of("sepal_length", (double) f[0], "sepal_width", (double) f[1],
                "petal_length", (double) f[2], "petal_width", (double) f[3]);
    }
}
