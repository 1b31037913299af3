package io.jdeepaas.runtime.openapi;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.swagger.v3.core.util.Json;
import io.swagger.v3.core.util.Yaml;
import io.swagger.v3.oas.models.OpenAPI;

/**
 * The server's OpenAPI document, serialized once (at start-up) to JSON and YAML with
 * swagger-core's mappers, and converted once to the Swagger 2.0 document DEEPaaS's own tools read
 * ({@link SwaggerTwoConverter}). Immutable and safe to share between request threads.
 */
public final class OpenApiDocument {

    private final String json;
    private final String yaml;
    private final String swagger2;

    private OpenApiDocument(String json, String yaml, String swagger2) {
        this.json = json;
        this.yaml = yaml;
        this.swagger2 = swagger2;
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
            String json = Json.pretty().writeValueAsString(api);
            String yaml = Yaml.pretty().writeValueAsString(api);
            // convert a copy read back from the JSON, so the caller's model stays as it was
            OpenAPI copy = Json.mapper().readValue(json, OpenAPI.class);
            return new OpenApiDocument(json, yaml, Json.pretty().writeValueAsString(SwaggerTwoConverter.convert(copy)));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialize the OpenAPI document", e);
        }
    }

    /** @return the document as pretty-printed JSON ({@code /openapi.json}) */
    public String json() {
        return json;
    }

    /** @return the Swagger 2.0 document in DEEPaaS 2.4.0's shape ({@code /swagger.json}) */
    public String swagger2() {
        return swagger2;
    }

    /** @return the document as YAML ({@code /openapi.yaml}) */
    public String yaml() {
        return yaml;
    }
}
