package io.jdeepaas.runtime.openapi;

import io.jdeepaas.spi.ModelEntryPoint;
import io.swagger.v3.core.util.Json;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.parameters.Parameter;
import io.swagger.v3.oas.models.responses.ApiResponse;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a model's predict operation answers: the 200 body in each of its response media types,
 * and the {@code accept} parameter that chooses one when there are several.
 */
public final class PredictResponses {

    private static final Logger LOG = LoggerFactory.getLogger(PredictResponses.class);
    private static final String JSON = "application/json";

    private PredictResponses() {
    }

    /**
     * The successful answer: the model's JSON schema (or the DEEPaaS wrapper
     * {@code {"status": "OK", "predictions": ...}}) for JSON, and binary bodies for every other
     * declared media type.
     *
     * @param model a model
     * @return the 200 response
     */
    public static ApiResponse ok(ModelEntryPoint model) {
        Content content = new Content();
        for (String type : model.responseTypes()) {
            Schema<?> schema = isJson(type) ? jsonSchema(model) : new Schema<Object>().type("string").format("binary");
            content.addMediaType(type, new MediaType().schema(schema));
        }
        return new ApiResponse().description("The prediction").content(content);
    }

    /**
     * The {@code accept} query parameter, for a model that answers several media types.
     *
     * @param model a model
     * @return the parameter, or empty when the model answers one media type only
     */
    public static Optional<Parameter> acceptParameter(ModelEntryPoint model) {
        List<String> types = model.responseTypes();
        if (types.size() < 2) {
            return Optional.empty();
        }
        Schema<Object> schema = new Schema<Object>().type("string")._enum(List.copyOf(types))._default(types.get(0));
        return Optional.of(new Parameter().in("query").name("accept").required(false).schema(schema)
                .description("The response's media type; overrides the Accept header"));
    }

    /**
     * The schema of a JSON prediction.
     *
     * @param model a model
     * @return its declared response schema converted to an OpenAPI schema, or the DEEPaaS wrapper
     */
    @SuppressWarnings("unchecked")
    public static Schema<Object> jsonSchema(ModelEntryPoint model) {
        Optional<Map<String, Object>> declared = model.responseSchema();
        if (declared.isEmpty()) {
            return SharedSchemas.object()
                    .addProperty("status", new Schema<Object>().type("string").example("OK"))
                    .addProperty("predictions", new Schema<Object>().description("What the model returned"))
                    .required(List.of("status", "predictions"));
        }
        return converted(model.name(), declared).orElseThrow();
    }

    /**
     * @param model the model's name, for the log
     * @param declared a JSON Schema a module declared (as maps), or empty
     * @return it as an OpenAPI schema (any JSON when it cannot be converted), or empty
     */
    @SuppressWarnings("unchecked")
    static Optional<Schema<Object>> converted(String model, Optional<Map<String, Object>> declared) {
        if (declared.isEmpty()) {
            return Optional.empty();
        }
        Map<String, Object> schema = new LinkedHashMap<>(declared.get());
        schema.remove("$schema");
        schema.remove("$id");
        try {
            return Optional.of(Json.mapper().convertValue(schema, Schema.class));
        } catch (IllegalArgumentException e) {
            LOG.warn("model={} declares a schema that is not an OpenAPI schema, documenting any JSON: {}",
                    model, e.getMessage());
            return Optional.of(new Schema<Object>().description("Any JSON (the model's declared schema could not be"
                    + " converted)"));
        }
    }

    private static boolean isJson(String mediaType) {
        String type = mediaType.toLowerCase(java.util.Locale.ROOT);
        return type.equals(JSON) || type.endsWith("+json");
    }
}
