package io.jdeepaas.spi;

import java.util.Map;

/**
 * One training's input: validated argument values, defaults applied.
 *
 * @param values the argument values by name (see {@link ArgumentValues} for typed access)
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
}
