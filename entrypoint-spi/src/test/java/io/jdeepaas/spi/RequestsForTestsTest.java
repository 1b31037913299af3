package io.jdeepaas.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Requests a module author builds in a unit test behave like the runtime's. */
class RequestsForTestsTest {

    private static final List<Argument> DECLARED = List.of(Argument.string("text").required(),
            Argument.integer("times").range(1, 10).defaultValue(1), Argument.number("ratio").defaultValue(1));

    @Test
    void aRequestBuiltAgainstTheDeclarationsHasTheDefaults() {
        PredictRequest request = PredictRequest.of(DECLARED, Map.of("text", "hi"));
        assertThat(request.integer("times")).isEqualTo(1);
        assertThat(request.number("ratio")).isEqualTo(1.0);
        assertThat(request.get("ratio", Double.class)).isEqualTo(1.0);
        assertThat(TrainRequest.of(DECLARED, Map.of("times", 3)).integer("times")).isEqualTo(3);
    }

    @Test
    void anIntegerValueReadsAsTheRuntimesLong() {
        TrainRequest request = new TrainRequest(Map.of("epochs", 5, "sizes", List.of(1, 2)));
        assertThat(request.integer("epochs")).isEqualTo(5);
        assertThat(request.longValue("epochs")).isEqualTo(5L);
        assertThat(request.list("sizes", Long.class)).containsExactly(1L, 2L);
    }

    @Test
    void aMissingValueWithoutDeclarationsSaysHowToGetTheDefaults() {
        assertThatThrownBy(() -> PredictRequest.of(Map.of("text", "hi")).integer("times"))
                .hasMessageContaining("PredictRequest.of(declared, values)");
    }

    @Test
    void listsHaveLengthBoundsAndNumbersTheirDeclaredType() {
        Argument list = Argument.list("xs", ArgumentType.INTEGER).length(1, 3);
        assertThat(list.minItems()).isEqualTo(1);
        assertThat(list.maxItems()).isEqualTo(3);
        assertThatThrownBy(() -> Argument.integer("n").length(1, 2)).isInstanceOf(IllegalArgumentException.class);
        assertThat(Argument.number("r").defaultValue(2).defaultValue()).isEqualTo(2.0);
    }
}
