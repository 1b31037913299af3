package io.jdeepaas.spi;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Human-readable facts about a model, shown in {@code GET /v2/models/{name}/} and in the OpenAPI
 * document. Immutable; every {@code with}-style method returns a copy.
 *
 * <pre>{@code
 * ModelMetadata.describe("Classifies iris flowers").version("1.2").author("AI4OS").license("MIT")
 *     .extra("dataset", "Fisher's Iris");
 * }</pre>
 *
 * @param description what the model does, in a sentence
 * @param version the model's version, or {@code null}
 * @param author who made it, or {@code null}
 * @param license its license, or {@code null}
 * @param url where to read more, or {@code null}
 * @param extras free-form fields added to the model object as they are
 */
public record ModelMetadata(String description, String version, String author, String license, String url,
                            Map<String, Object> extras) {

    /**
     * Creates metadata with an unmodifiable copy of the extras.
     *
     * @param description what the model does
     * @param version its version
     * @param author who made it
     * @param license its license
     * @param url where to read more
     * @param extras free-form fields
     */
    public ModelMetadata {
        if (description == null || description.isBlank()) {
            throw new IllegalArgumentException("a model needs a description");
        }
        extras = Map.copyOf(extras);
    }

    /**
     * Starts metadata from a description.
     *
     * @param description what the model does, in a sentence
     * @return metadata with only a description
     */
    public static ModelMetadata describe(String description) {
        return new ModelMetadata(description, null, null, null, null, Map.of());
    }

    /**
     * @param value the model's version
     * @return a copy with this version
     */
    public ModelMetadata version(String value) {
        return new ModelMetadata(description, value, author, license, url, extras);
    }

    /**
     * @param value who made the model
     * @return a copy with this author
     */
    public ModelMetadata author(String value) {
        return new ModelMetadata(description, version, value, license, url, extras);
    }

    /**
     * @param value the model's license
     * @return a copy with this license
     */
    public ModelMetadata license(String value) {
        return new ModelMetadata(description, version, author, value, url, extras);
    }

    /**
     * @param value where to read more about the model
     * @return a copy with this url
     */
    public ModelMetadata url(String value) {
        return new ModelMetadata(description, version, author, license, value, extras);
    }

    /**
     * Adds one free-form field.
     *
     * @param key the field's name
     * @param value a JSON-able value
     * @return a copy with this field
     */
    public ModelMetadata extra(String key, Object value) {
        Map<String, Object> more = new LinkedHashMap<>(extras);
        more.put(key, value);
        return new ModelMetadata(description, version, author, license, url, more);
    }
}
