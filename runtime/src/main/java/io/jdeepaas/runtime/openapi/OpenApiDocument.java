package io.jdeepaas.runtime.openapi;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.swagger.v3.core.util.Json;
import io.swagger.v3.core.util.Yaml;
import io.swagger.v3.oas.models.OpenAPI;

/**
 * The server's OpenAPI document, serialized once (at start-up) to JSON and YAML with
 * swagger-core's mappers. Immutable and safe to share between request threads.
 */
public final class OpenApiDocument {

    private final String json;
    private final String yaml;

    private OpenApiDocument(String json, String yaml) {
        this.json = json;
        this.yaml = yaml;
    }

    /**
     * Builds and serializes the document of a server.
     *
     * @param description the server and its models
     * @return the serialized document
     */
    public static OpenApiDocument build(ApiDescription description) {
        return of(OpenApiBuilder.build(description));
    }

    /**
     * Serializes a document.
     *
     * @param api an OpenAPI model
     * @return the serialized document
     */
    public static OpenApiDocument of(OpenAPI api) {
        try {
            return new OpenApiDocument(Json.pretty().writeValueAsString(api), Yaml.pretty().writeValueAsString(api));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialize the OpenAPI document", e);
        }
    }

    /** @return the document as pretty-printed JSON ({@code /openapi.json}) */
    public String json() {
        return json;
    }

    /** @return the document as YAML ({@code /openapi.yaml}) */
    public String yaml() {
        return yaml;
    }
}
