package io.jdeepaas.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jdeepaas.spi.Argument;
import io.jdeepaas.spi.ModelEntryPoint;
import io.jdeepaas.spi.ModelMetadata;
import io.jdeepaas.spi.ModelName;
import io.jdeepaas.spi.PredictRequest;
import io.jdeepaas.spi.TrainingCancelledException;
import io.jdeepaas.testkit.echo.Echo;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The unit-test half of the kit: requests as the runtime makes them, recording contexts, the contract. */
class UnitTestingAModuleTest {

    private final Echo echo = new Echo();

    @Test
    void requestsConvertApplyDefaultsAndValidateAsTheRuntimeDoes() throws Exception {
        PredictRequest request = Requests.predict(echo, Map.of("text", "hi"));
        assertThat(request.integer("times")).isEqualTo(1);
        assertThat(Requests.predict(echo, Map.of("text", "hi", "times", "3")).integer("times")).isEqualTo(3);
        assertThat(echo.predict(Requests.predict(echo, Map.of("text", "ab", "times", 2)))).isEqualTo(Map.of("echo", "abab"));
        assertThatThrownBy(() -> Requests.predict(echo, Map.of("times", 50)))
                .isInstanceOfSatisfying(InvalidRequestException.class, e -> assertThat(e.errors())
                        .containsEntry("text", List.of("is required"))
                        .containsEntry("times", List.of("must be at most 10, got 50")));
        assertThat(Requests.train(echo, Map.of()).integer("epochs")).isEqualTo(2);
    }

    @Test
    void aRecordingContextKeepsProgressMetricsAndLogs() throws Exception {
        RecordingTrainingContext context = RecordingTrainingContext.inTempFolder();
        Object result = echo.train(Requests.train(echo, Map.of("epochs", 3)), context);
        assertThat(result).isEqualTo(Map.of("epochs", 3));
        assertThat(context.lastProgress()).isEqualTo(new RecordingTrainingContext.Progress(3, 3));
        assertThat(context.metrics()).hasSize(3);
        assertThat(context.logs()).containsExactly("epoch 1", "epoch 2", "epoch 3");
    }

    @Test
    void aModuleWarmedWithTheVersionItsTrainingSavedServesThoseWeights() throws Exception {
        RecordingTrainingContext context = RecordingTrainingContext.inTempFolder();
        echo.train(Requests.train(echo, Map.of("suffix", "!")), context);

        Echo fresh = new Echo();
        fresh.warm(TestWarmContexts.withVersion("2", context.modelDir()));

        assertThat(fresh.predict(Requests.predict(fresh, Map.of("text", "hi")))).isEqualTo(Map.of("echo", "hi!"));
        echo.warm(TestWarmContexts.cpu());
        assertThat(echo.predict(Requests.predict(echo, Map.of("text", "hi")))).isEqualTo(Map.of("echo", "hi"));
    }

    @Test
    void aCancelledRecordingContextStopsTheTraining() {
        RecordingTrainingContext context = RecordingTrainingContext.inTempFolder();
        context.cancel();
        assertThatThrownBy(() -> echo.train(Requests.train(echo, Map.of()), context))
                .isInstanceOf(TrainingCancelledException.class);
    }

    @Test
    void theContractPassesAGoodModuleAndNamesTheArgumentOfABadOne() throws Exception {
        ModuleContract.check(echo);
        echo.warm(TestWarmContexts.cpu());
        ModelEntryPoint bad = new ModelEntryPoint() {
            @Override
            public String name() {
                return "bad";
            }

            @Override
            public ModelMetadata metadata() {
                return ModelMetadata.describe("declares a default beyond its range");
            }

            @Override
            public List<Argument> predictArguments() {
                return List.of(Argument.integer("k").range(1, 10).defaultValue(50), Argument.string("accept"));
            }
        };
        assertThat(ModuleContract.problems(bad)).hasSize(2);
        assertThatThrownBy(() -> ModuleContract.check(bad)).isInstanceOf(AssertionError.class)
                .hasMessageContaining("predict argument 'k'").hasMessageContaining("must be at most 10, got 50")
                .hasMessageContaining("predict argument 'accept'");
    }

    @ModelName("named")
    static final class Named implements ModelEntryPoint {
        @Override
        public ModelMetadata metadata() {
            return ModelMetadata.describe("named by its annotation");
        }
    }

    static final class Nameless implements ModelEntryPoint {
        @Override
        public ModelMetadata metadata() {
            return ModelMetadata.describe("neither annotated nor implementing name()");
        }
    }

    @Test
    void theNameComesFromTheAnnotationAndAModuleWithoutOneIsRefused() {
        assertThat(new Named().name()).isEqualTo("named");
        ModuleContract.check(new Named());
        assertThat(ModuleContract.problems(new Nameless())).singleElement().asString()
                .contains("no name", "@ModelName");
    }
}
