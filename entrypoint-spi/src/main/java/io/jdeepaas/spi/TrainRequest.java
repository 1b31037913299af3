package io.jdeepaas.spi;

import java.util.Map;

/**
 * One training's input: validated argument values, defaults applied.
 *
 * @param values the argument values by name (see {@link ArgumentValues} for typed access); an
 *     {@code Integer} is widened to {@code Long}, as the runtime parses it
 */
public record TrainRequest(Map<String, Object> values) implements ArgumentValues {

    /**
     * Creates a request with an unmodifiable copy of the values (nulls dropped).
     *
     * @param values the argument values
     */
    public TrainRequest {
        values = PredictRequest.copy(values);
    }

    /**
     * A request built against declared arguments, as in a module's own tests: each argument the
     * values omit takes its declared default.
     *
     * <pre>{@code
     * TrainRequest.of(module.trainArguments(), Map.of("epochs", 5)).integer("epochs")
     * }</pre>
     *
     * @param declared the module's {@link ModelEntryPoint#trainArguments()}
     * @param values the argument values ({@code int}s are widened to {@code Long})
     * @return the request
     */
    public static TrainRequest of(java.util.List<Argument> declared, Map<String, Object> values) {
        return new TrainRequest(PredictRequest.withDefaults(declared, values));
    }
}
