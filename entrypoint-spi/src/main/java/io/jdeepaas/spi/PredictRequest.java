package io.jdeepaas.spi;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One prediction's input: validated argument values, defaults applied.
 *
 * @param values the argument values by name (see {@link ArgumentValues} for typed access)
 * @param responseType the media type the answer must have, one of
 *     {@link ModelEntryPoint#responseTypes()}
 */
public record PredictRequest(Map<String, Object> values, String responseType) implements ArgumentValues {

    /**
     * Creates a request with an unmodifiable copy of the values (nulls dropped).
     *
     * @param values the argument values
     * @param responseType the negotiated response media type
     */
    public PredictRequest {
        values = copy(values);
        responseType = responseType == null ? "application/json" : responseType;
    }

    /**
     * A JSON request, handy in a module's own tests.
     *
     * @param values the argument values
     * @return a request answering {@code application/json}
     */
    public static PredictRequest of(Map<String, Object> values) {
        return new PredictRequest(values, "application/json");
    }

    static Map<String, Object> copy(Map<String, Object> values) {
        Map<String, Object> copy = new LinkedHashMap<>();
        values.forEach((k, v) -> {
            if (v != null) {
                copy.put(k, v);
            }
        });
        return Collections.unmodifiableMap(copy);
    }
}
