package io.jdeepaas.examples.digits;

import io.jdeepaas.spi.ModelVersion;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jdeepaas.examples.testing.RecordingTrainingContext;
import io.jdeepaas.spi.TrainRequest;
import io.jdeepaas.spi.TrainingCancelledException;
import io.jdeepaas.spi.UploadedFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DigitsTrainingTest {

    @TempDir
    Path temp;

    private static TrainRequest smallTraining(int epochs) {
        return new TrainRequest(Map.of("epochs", (long) epochs, "learning_rate", 0.003, "batch_size", 32L,
                "samples", 300L, "seed", 7L));
    }

    @Test
    void aShortTrainingReportsEveryEpochAndSavesAModelThatAWarmWithItsVersionServes() throws Exception {
        Path dataDir = temp.resolve("data");
        Path outputDir = Files.createDirectories(temp.resolve("training-1"));
        UploadedFile three = RenderedUploads.render(4, 11, Files.createDirectories(temp.resolve("up")), "png")
                .get(3).file();
        RecordingTrainingContext context = new RecordingTrainingContext(outputDir);
        List<Throwable> predictFailures = new CopyOnWriteArrayList<>();
        AtomicInteger predictions = new AtomicInteger();
        AtomicBoolean training = new AtomicBoolean(true);

        try (Digits digits = DigitsFixture.warmed(dataDir)) {
            Thread predictor = new Thread(() -> {
                while (training.get()) {
                    try {
                        DigitsFixture.predict(digits, three, 3);
                        predictions.incrementAndGet();
                    } catch (Throwable e) {
                        predictFailures.add(e);
                    }
                }
            });
            predictor.start();
            long started = System.nanoTime();
            Object result;
            try {
                result = digits.train(smallTraining(2), context);
            } finally {
                training.set(false);
                predictor.join();
            }
            System.out.printf("digits: 2 epochs x 300 samples trained in %.1f s, metrics %s%n",
                    (System.nanoTime() - started) / 1e9, context.metricsReports());

            assertThat(context.progressReports()).containsExactly(new RecordingTrainingContext.Progress(1, 2),
                    new RecordingTrainingContext.Progress(2, 2));
            assertThat(context.metricsReports()).hasSize(2).allSatisfy(m -> {
                assertThat(m).containsKeys("loss", "accuracy", "validation_accuracy");
                assertThat(m.get("loss")).isFinite().isPositive();
                assertThat(m.get("accuracy")).isBetween(0.0, 1.0);
            });
            assertThat(context.metricsReports().get(1).get("loss"))
                    .isLessThan(context.metricsReports().get(0).get("loss"));
            assertThat(context.lines()).hasSize(2);
            assertThat(result).isInstanceOfSatisfying(Map.class, r -> assertThat(r)
                    .containsKeys("loss", "accuracy", "validation_accuracy", "weights", "options"));
            assertThat(context.modelDir().resolve("digits-0000.params")).isRegularFile();
            // the module keeps serving what it was warmed with: the runtime serves the new version
            assertThat(String.valueOf(digits.metadata().extras().get("weights"))).startsWith("shipped");
            assertThat(DigitsFixture.predict(digits, three, 3)).hasSize(3);
            assertThat(predictFailures).isEmpty();
            assertThat(predictions.get()).isPositive();
        }

        try (Digits versioned = DigitsFixture.warmed(dataDir, new ModelVersion("2", context.modelDir()))) {
            assertThat(String.valueOf(versioned.metadata().extras().get("weights"))).isEqualTo("training training-1");
            assertThat(DigitsFixture.predict(versioned, three, 3)).hasSize(3);
        }
    }

    @Test
    void cancellingAfterTheFirstEpochStopsBeforeTheSecondEndsAndKeepsTheServedWeights() throws Exception {
        Path outputDir = Files.createDirectories(temp.resolve("training-2"));
        RecordingTrainingContext context = new RecordingTrainingContext(outputDir).cancellingAtProgress(1);

        try (Digits digits = DigitsFixture.warmed(temp.resolve("data"))) {
            assertThatThrownBy(() -> digits.train(smallTraining(5), context))
                    .isInstanceOf(TrainingCancelledException.class);

            assertThat(context.progressReports()).containsExactly(new RecordingTrainingContext.Progress(1, 5));
            assertThat(context.modelDir().resolve("digits-0000.params")).doesNotExist();
            assertThat(String.valueOf(digits.metadata().extras().get("weights"))).startsWith("shipped");
        }
    }

    @Test
    void cancellingDuringAnEpochStopsAtTheNextBatch() throws Exception {
        Path outputDir = Files.createDirectories(temp.resolve("training-3"));
        RecordingTrainingContext context = new RecordingTrainingContext(outputDir);
        context.cancel();

        try (Digits digits = DigitsFixture.warmed(temp.resolve("data"))) {
            assertThatThrownBy(() -> digits.train(smallTraining(1), context))
                    .isInstanceOf(TrainingCancelledException.class);
            assertThat(context.progressReports()).isEmpty();
        }
    }
}
