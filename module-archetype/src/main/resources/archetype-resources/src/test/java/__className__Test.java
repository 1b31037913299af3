package ${package};

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.jdeepaas.spi.TrainingCancelledException;
import io.jdeepaas.testkit.InvalidRequestException;
import io.jdeepaas.testkit.ModuleContract;
import io.jdeepaas.testkit.RecordingTrainingContext;
import io.jdeepaas.testkit.Requests;
import io.jdeepaas.testkit.TestWarmContexts;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Unit tests: requests as the runtime parses them, a recording training context, the load-time checks. */
class ${className}Test {

    private final ${className} model = new ${className}();

    @Test
    void passesTheChecksTheRuntimeRunsAtLoad() throws Exception {
        ModuleContract.check(model);
        model.warm(TestWarmContexts.cpu());
    }

    @Test
    void predictsOnTheServedLine() throws Exception {
        Object answer = model.predict(Requests.predict(model, Map.of("x", 2)));
        assertThat(answer).isEqualTo(Map.of("y", 2.0, "slope", 1.0, "intercept", 0.0));
    }

    @Test
    void refusesWhatTheRuntimeAnswers422() {
        assertThatThrownBy(() -> Requests.predict(model, Map.of()))
                .isInstanceOfSatisfying(InvalidRequestException.class,
                        e -> assertThat(e.errors()).containsEntry("x", List.of("is required")));
        assertThatThrownBy(() -> Requests.predict(model, Map.of("x", "two")))
                .isInstanceOf(InvalidRequestException.class);
    }

    @Test
    void trainingFitsTheLineReportsAndServesIt() throws Exception {
        RecordingTrainingContext context = RecordingTrainingContext.inTempFolder();
        @SuppressWarnings("unchecked")
        Map<String, Object> result = (Map<String, Object>) model.train(Requests.train(model, Map.of()), context);

        assertThat((double) result.get("slope")).isCloseTo(3.0, within(0.05));
        assertThat((double) result.get("intercept")).isCloseTo(2.0, within(0.1));
        assertThat(context.lastProgress()).isEqualTo(new RecordingTrainingContext.Progress(500, 500));
        assertThat(context.metrics()).hasSize(500);
        assertThat(context.logs()).contains("epoch 100: loss " + context.metrics().get(99).values().get("loss"));
        assertThat(Files.readString(context.outputDir().resolve("line.txt"))).startsWith(result.get("slope") + " ");
        Map<?, ?> answer = (Map<?, ?>) model.predict(Requests.predict(model, Map.of("x", 10)));
        assertThat((double) answer.get("y")).isCloseTo(32.0, within(0.5));
    }

    @Test
    void aCancelledTrainingStops() {
        RecordingTrainingContext context = RecordingTrainingContext.inTempFolder();
        context.cancel();
        assertThatThrownBy(() -> model.train(Requests.train(model, Map.of()), context))
                .isInstanceOf(TrainingCancelledException.class);
    }
}
