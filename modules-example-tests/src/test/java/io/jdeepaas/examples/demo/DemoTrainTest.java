package io.jdeepaas.examples.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jdeepaas.spi.Device;
import io.jdeepaas.spi.TrainingCancelledException;
import io.jdeepaas.testkit.InvalidRequestException;
import io.jdeepaas.testkit.RecordingTrainingContext;
import io.jdeepaas.testkit.Requests;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DemoTrainTest {

    private final DemoModel demo = new DemoModel();

    @TempDir
    Path out;

    @Test
    void reportsEveryEpochAndReturnsTheFinalLoss() throws Exception {
        RecordingTrainingContext context = new RecordingTrainingContext(out, Device.cpu());

        Object result = demo.train(Requests.train(demo, Map.of("epochs", 4, "sleep", 0.01)), context);

        assertThat(result).isEqualTo(Map.of("epochs", 4L, "final_loss", 0.25));
        assertThat(context.progress()).extracting(p -> p.step() + "/" + p.total())
                .containsExactly("1/4", "2/4", "3/4", "4/4");
        assertThat(context.metrics()).extracting(m -> m.values().get("loss")).containsExactly(1.0, 0.5, 1.0 / 3, 0.25);
        assertThat(context.logs()).hasSize(4).first().asString().isEqualTo("epoch 1/4 loss=1.0000");
        assertThat(Files.readString(out.resolve("model.txt"))).contains("final_loss=0.25");
    }

    @Test
    void failTrueThrowsInEpochTwo() {
        RecordingTrainingContext context = new RecordingTrainingContext(out, Device.cpu());

        assertThatThrownBy(() -> demo.train(Requests.train(demo, Map.of("epochs", 3, "sleep", 0.0, "fail", true)), context))
                .isInstanceOf(RuntimeException.class)
                .hasMessage("demo training failed in epoch 2 as requested");
        assertThat(context.progress()).hasSize(1);
        assertThat(out.resolve("model.txt")).doesNotExist();
    }

    @Test
    void cancellationDuringALongSleepStopsWithin200Ms() throws Exception {
        RecordingTrainingContext context = new RecordingTrainingContext(out, Device.cpu());
        CompletableFuture<Object> training = CompletableFuture.supplyAsync(() -> {
            try {
                return demo.train(Requests.train(demo, Map.of("epochs", 2, "sleep", 30.0)), context);
            } catch (Exception e) {
                throw new java.util.concurrent.CompletionException(e);
            }
        });
        Thread.sleep(300);

        long cancelledAt = System.nanoTime();
        context.cancel();

        assertThatThrownBy(() -> training.get(5, TimeUnit.SECONDS))
                .isInstanceOf(ExecutionException.class).hasCauseInstanceOf(TrainingCancelledException.class);
        assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - cancelledAt)).isLessThan(200);
        assertThat(context.progress()).isEmpty();
    }

    @Test
    void theDefaultsApplyAndOutOfRangeArgumentsAreRefusedAsTheRuntimeRefusesThem() {
        assertThat(Requests.train(demo, Map.of()).values()).containsEntry("epochs", 3L).containsEntry("sleep", 1.0).containsEntry("fail", false);
        assertThatThrownBy(() -> Requests.train(demo, Map.of("epochs", 0, "sleep", -1)))
                .isInstanceOfSatisfying(InvalidRequestException.class,
                        e -> assertThat(e.errors()).containsOnlyKeys("epochs", "sleep"));
    }

    @Test
    void anInterruptThatIsNotACancellationPropagates() throws Exception {
        RecordingTrainingContext context = new RecordingTrainingContext(out, Device.cpu());
        Thread.currentThread().interrupt();

        assertThatThrownBy(() -> demo.train(Requests.train(demo, Map.of("epochs", 1, "sleep", 5.0)), context))
                .isInstanceOf(InterruptedException.class);
    }
}
