package io.jdeepaas.runtime.openapi;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.swagger.v3.core.util.Json;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.parameters.Parameter;
import io.swagger.v3.oas.models.parameters.RequestBody;
import io.swagger.v3.oas.models.responses.ApiResponse;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Turns the server's OpenAPI 3 document into the Swagger 2.0 document DEEPaaS 2.4.0 serves at
 * {@code /swagger.json}, which DEEPaaS's own tools read: {@code deepaas_ui} takes the paths ending
 * in {@code predict/} and builds its form from their {@code parameters} (name, type, enum,
 * default, minimum, maximum, description) and its tabs from {@code produces}.
 *
 * <p>The arguments of predict and train become {@code formData} parameters ({@code type: file}
 * for files, {@code collectionFormat: multi} for lists), consumed as {@code multipart/form-data}
 * when the model takes a file and as {@code application/x-www-form-urlencoded} otherwise; the
 * other JSON bodies (tensor inference, the repository index) stay a {@code body} parameter.
 * Component schemas become {@code definitions}; paths, tags and operation ids are the same.
 */
final class SwaggerTwoConverter {

    private static final String SCHEMAS = "#/components/schemas/";
    private static final String RESPONSES = "#/components/responses/";
    private static final String ARGUMENTS_SUFFIX = "Arguments";
    private static final List<String> PARAMETER_KEYWORDS = List.of("type", "format", "enum", "default", "minimum",
            "maximum", "pattern", "items");

    private final OpenAPI api;
    private final ObjectMapper mapper = Json.mapper();

    private SwaggerTwoConverter(OpenAPI api) {
        this.api = api;
    }

    /**
     * @param api an OpenAPI 3 document as {@link OpenApiBuilder} builds it
     * @return the Swagger 2.0 document
     */
    static ObjectNode convert(OpenAPI api) {
        return new SwaggerTwoConverter(api).document();
    }

    private ObjectNode document() {
        ObjectNode root = mapper.createObjectNode();
        root.put("swagger", "2.0");
        root.set("info", mapper.valueToTree(api.getInfo()));
        String basePath = api.getServers() == null || api.getServers().isEmpty() ? "/" : api.getServers().get(0).getUrl();
        root.put("basePath", basePath);
        if (api.getTags() != null) {
            root.set("tags", mapper.valueToTree(api.getTags()));
        }
        ObjectNode paths = root.putObject("paths");
        api.getPaths().forEach((path, item) -> paths.set(path, pathItem(item)));
        ObjectNode definitions = root.putObject("definitions");
        if (api.getComponents() != null && api.getComponents().getSchemas() != null) {
            api.getComponents().getSchemas().forEach((name, schema) -> definitions.set(name, schema(schema)));
        }
        return root;
    }

    private ObjectNode pathItem(PathItem item) {
        ObjectNode out = mapper.createObjectNode();
        if (item.getParameters() != null) {
            ArrayNode parameters = out.putArray("parameters");
            item.getParameters().forEach(p -> parameters.add(parameter(p)));
        }
        item.readOperationsMap().forEach((method, operation) ->
                out.set(method.name().toLowerCase(java.util.Locale.ROOT), operation(operation)));
        return out;
    }

    private ObjectNode operation(Operation operation) {
        ObjectNode out = mapper.createObjectNode();
        if (operation.getTags() != null) {
            out.set("tags", mapper.valueToTree(operation.getTags()));
        }
        out.put("operationId", operation.getOperationId());
        if (operation.getSummary() != null) {
            out.put("summary", operation.getSummary());
        }
        if (operation.getDescription() != null) {
            out.put("description", operation.getDescription());
        }
        ArrayNode parameters = mapper.createArrayNode();
        if (operation.getParameters() != null) {
            operation.getParameters().forEach(p -> parameters.add(parameter(p)));
        }
        RequestBody body = operation.getRequestBody();
        if (body != null && body.getContent() != null && !body.getContent().isEmpty()) {
            Map.Entry<String, MediaType> media = body.getContent().entrySet().iterator().next();
            String ref = media.getValue().getSchema().get$ref();
            boolean arguments = ref != null && ref.endsWith(ARGUMENTS_SUFFIX);
            if (arguments) {
                boolean multipart = media.getKey().equals("multipart/form-data");
                out.putArray("consumes").add(multipart ? "multipart/form-data" : "application/x-www-form-urlencoded");
                formParameters(resolve(ref), parameters);
            } else {
                out.putArray("consumes").add(media.getKey());
                ObjectNode parameter = parameters.addObject().put("in", "body").put("name", "body")
                        .put("required", Boolean.TRUE.equals(body.getRequired()));
                if (body.getDescription() != null) {
                    parameter.put("description", body.getDescription());
                }
                parameter.set("schema", schema(media.getValue().getSchema()));
            }
        }
        if (!parameters.isEmpty()) {
            out.set("parameters", parameters);
        }
        Set<String> produces = new LinkedHashSet<>();
        ObjectNode responses = out.putObject("responses");
        operation.getResponses().forEach((status, response) ->
                responses.set(status.matches("\\d{3}") ? status : "default", response(response, produces)));
        if (!produces.isEmpty()) {
            ArrayNode types = mapper.createArrayNode();
            produces.forEach(types::add);
            out.set("produces", types);
        }
        return out;
    }

    /** Each property of an arguments schema as a formData parameter. */
    private void formParameters(Schema<?> body, ArrayNode parameters) {
        List<String> required = body.getRequired() == null ? List.of() : body.getRequired();
        body.getProperties().forEach((name, property) -> {
            ObjectNode parameter = parameters.addObject().put("in", "formData").put("name", name)
                    .put("required", required.contains(name));
            if (property.getDescription() != null) {
                parameter.put("description", property.getDescription());
            }
            if ("binary".equals(property.getFormat())) {
                parameter.put("type", "file");
            } else {
                copyTypeKeywords(schema(property), parameter);
            }
        });
    }

    private ObjectNode parameter(Parameter parameter) {
        ObjectNode out = mapper.createObjectNode().put("in", parameter.getIn()).put("name", parameter.getName())
                .put("required", Boolean.TRUE.equals(parameter.getRequired()));
        if (parameter.getDescription() != null) {
            out.put("description", parameter.getDescription());
        }
        copyTypeKeywords(schema(parameter.getSchema()), out);
        return out;
    }

    /** A non-body parameter carries its schema's keywords itself; a list repeats its name. */
    private static void copyTypeKeywords(ObjectNode schema, ObjectNode parameter) {
        for (String keyword : PARAMETER_KEYWORDS) {
            if (schema.has(keyword)) {
                parameter.set(keyword, schema.get(keyword));
            }
        }
        if (!parameter.has("type")) {
            parameter.put("type", "string");
        }
        if ("object".equals(parameter.path("type").asText())) {
            parameter.put("type", "string").put("format", "json");
            parameter.remove("default");
        }
        if ("array".equals(parameter.path("type").asText())) {
            parameter.put("collectionFormat", "multi");
        }
    }

    private ObjectNode response(ApiResponse response, Set<String> produces) {
        ApiResponse resolved = response.get$ref() == null ? response
                : api.getComponents().getResponses().get(response.get$ref().substring(RESPONSES.length()));
        ObjectNode out = mapper.createObjectNode().put("description", resolved.getDescription());
        if (resolved.getContent() == null || resolved.getContent().isEmpty()) {
            return out;
        }
        produces.addAll(resolved.getContent().keySet());
        Map.Entry<String, MediaType> first = resolved.getContent().entrySet().iterator().next();
        Schema<?> schema = first.getValue().getSchema();
        out.set("schema", schema != null && "binary".equals(schema.getFormat())
                ? mapper.createObjectNode().put("type", "file") : schema(schema));
        ObjectNode examples = mapper.createObjectNode();
        resolved.getContent().forEach((type, media) -> {
            if (media.getExample() != null) {
                examples.set(type, mapper.valueToTree(media.getExample()));
            }
        });
        if (!examples.isEmpty()) {
            out.set("examples", examples);
        }
        return out;
    }

    private Schema<?> resolve(String ref) {
        return api.getComponents().getSchemas().get(ref.substring(SCHEMAS.length()));
    }

    /** An OpenAPI 3.0 schema as a Swagger 2.0 one: refs to definitions, nullable as x-nullable. */
    private ObjectNode schema(Schema<?> schema) {
        JsonNode tree = schema == null ? mapper.createObjectNode() : mapper.valueToTree(schema);
        return (ObjectNode) rewrite(tree);
    }

    private static JsonNode rewrite(JsonNode node) {
        if (node instanceof ObjectNode object) {
            if (object.has("$ref")) {
                object.put("$ref", object.get("$ref").asText().replace(SCHEMAS, "#/definitions/"));
            }
            if (object.has("nullable")) {
                object.set("x-nullable", object.remove("nullable"));
            }
            if (object.path("additionalProperties").isBoolean()) {
                object.set("additionalProperties", object.get("additionalProperties").asBoolean()
                        ? object.objectNode() : null);
                if (object.get("additionalProperties").isNull()) {
                    object.remove("additionalProperties");
                }
            }
            if (object.has("example") && object.get("example").isNull()) {
                object.remove("example");
            }
            Iterator<Map.Entry<String, JsonNode>> fields = object.fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> field = fields.next();
                if (!(field.getValue() instanceof TextNode)) {
                    rewrite(field.getValue());
                }
            }
        } else if (node instanceof ArrayNode array) {
            array.forEach(SwaggerTwoConverter::rewrite);
        }
        return node;
    }
}
