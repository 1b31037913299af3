package io.jdeepaas.examples.digits;

import java.util.List;
import java.util.Map;

/** The JSON Schema of a digits prediction, for the API documentation. */
final class DigitsSchema {

    private DigitsSchema() {
    }

    /**
     * @return the schema of {@code {"predictions": [{"digit": 7, "probability": 0.98}, ...]}}
     */
    static Map<String, Object> response() {
        Map<String, Object> entry = Map.of(
                "type", "object",
                "required", List.of("digit", "probability"),
                "properties", Map.of(
                        "digit", Map.of("type", "integer", "minimum", 0, "maximum", 9),
                        "probability", Map.of("type", "number", "minimum", 0, "maximum", 1)));
        return Map.of(
                "type", "object",
                "required", List.of("predictions"),
                "properties", Map.of(
                        "predictions", Map.of(
                                "type", "array",
                                "description", "The most likely digits, most likely first",
                                "items", entry)));
    }
}
