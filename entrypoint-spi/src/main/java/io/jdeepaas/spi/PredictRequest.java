package io.jdeepaas.spi;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
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
     * A JSON request with exactly these values: no default is applied, nothing is checked. Prefer
     * {@link #of(List, Map)}, or the test kit's requests, which check like the runtime.
     *
     * @param values the argument values ({@code int}s are widened to {@code Long})
     * @return a request answering {@code application/json}
     */
    public static PredictRequest of(Map<String, Object> values) {
        return new PredictRequest(values, "application/json");
    }

    /**
     * A JSON request built against declared arguments, as in a module's own tests: each argument
     * the values omit takes its declared default.
     *
     * <pre>{@code
     * PredictRequest.of(module.predictArguments(), Map.of("text", "hi")).integer("times") // the default
     * }</pre>
     *
     * @param declared the module's {@link ModelEntryPoint#predictArguments()}
     * @param values the argument values ({@code int}s are widened to {@code Long})
     * @return a request answering {@code application/json}
     */
    public static PredictRequest of(List<Argument> declared, Map<String, Object> values) {
        return new PredictRequest(withDefaults(declared, values), "application/json");
    }

    static Map<String, Object> withDefaults(List<Argument> declared, Map<String, Object> values) {
        Map<String, Object> all = new LinkedHashMap<>();
        for (Argument argument : declared) {
            Object value = values.get(argument.name());
            all.put(argument.name(), value != null ? value : argument.defaultValue());
        }
        values.forEach(all::putIfAbsent);
        return all;
    }

    static Map<String, Object> copy(Map<String, Object> values) {
        Map<String, Object> copy = new LinkedHashMap<>();
        values.forEach((k, v) -> {
            if (v != null) {
                copy.put(k, Argument.widen(v));
            }
        });
        return Collections.unmodifiableMap(copy);
    }
}
