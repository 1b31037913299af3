package io.jdeepaas.runtime.openapi;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.jdeepaas.spi.Argument;
import io.jdeepaas.spi.ArgumentType;
import io.swagger.v3.core.util.Json;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.parameters.RequestBody;
import java.math.BigDecimal;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Declared {@link Argument}s as OpenAPI schemas and request bodies.
 *
 * <p>A request body offers three media types, in this order (Swagger UI shows the first):
 * {@code multipart/form-data} with every argument (files as {@code string/binary}),
 * {@code application/x-www-form-urlencoded} and {@code application/json} without the files. In
 * the two form encodings a {@code json} argument is a string holding a JSON object; in a JSON
 * body it is an object.
 */
public final class ArgumentSchemas {

    /** How a request body carries the arguments. */
    public enum Encoding {
        /** {@code multipart/form-data}: every argument, files included. */
        MULTIPART("multipart/form-data"),
        /** {@code application/x-www-form-urlencoded}: every argument but files. */
        URLENCODED("application/x-www-form-urlencoded"),
        /** {@code application/json}: a JSON object of every argument but files. */
        JSON("application/json");

        private final String mediaType;

        Encoding(String mediaType) {
            this.mediaType = mediaType;
        }

        /** @return the encoding's media type */
        public String mediaType() {
            return mediaType;
        }
    }

    private ArgumentSchemas() {
    }

    /**
     * The request body of a predict or train operation.
     *
     * @param arguments the declared arguments
     * @return a body offering the arguments in every encoding, required when an argument is;
     *     {@code null} when there are no arguments
     */
    public static RequestBody requestBody(List<Argument> arguments) {
        if (arguments.isEmpty()) {
            return null;
        }
        Content content = new Content();
        for (Encoding encoding : Encoding.values()) {
            Schema<Object> body = objectSchema(arguments, encoding);
            if (body.getProperties() != null && !body.getProperties().isEmpty()) {
                content.addMediaType(encoding.mediaType(), new MediaType().schema(body));
            }
        }
        boolean required = arguments.stream().anyMatch(Argument::isRequired);
        return new RequestBody()
                .description("The arguments, in any of these encodings, or in the query string")
                .required(required ? Boolean.TRUE : null)
                .content(content);
    }

    /**
     * The object schema of a request body in one encoding.
     *
     * @param arguments the declared arguments
     * @param encoding how the body carries them
     * @return an object schema with one property per argument the encoding can carry
     */
    public static Schema<Object> objectSchema(List<Argument> arguments, Encoding encoding) {
        Schema<Object> body = SharedSchemas.object();
        List<String> required = new ArrayList<>();
        for (Argument argument : arguments) {
            if (argument.type() == ArgumentType.FILE && encoding != Encoding.MULTIPART) {
                continue;
            }
            body.addProperty(argument.name(), schema(argument, encoding));
            if (argument.isRequired()) {
                required.add(argument.name());
            }
        }
        if (!required.isEmpty()) {
            body.required(required);
        }
        return body;
    }

    /**
     * The schema of one argument's value.
     *
     * @param argument a declared argument
     * @param encoding how the body carries it
     * @return its schema, with default, allowed values, range and description
     */
    public static Schema<Object> schema(Argument argument, Encoding encoding) {
        Schema<Object> schema;
        if (argument.type() == ArgumentType.LIST) {
            Schema<Object> items = typeSchema(argument.itemType(), encoding);
            constrain(items, argument, allowedItems(argument));
            schema = new Schema<Object>().type("array").items(items);
            schema.setMinItems(argument.minItems());
            schema.setMaxItems(argument.maxItems());
            if (!allowedLists(argument).isEmpty()) {
                schema._enum(allowedLists(argument));
            }
        } else {
            schema = typeSchema(argument.type(), encoding);
            constrain(schema, argument, argument.allowedValues());
        }
        if (argument.defaultValue() != null) {
            boolean jsonText = argument.type() == ArgumentType.JSON && encoding != Encoding.JSON;
            schema._default(jsonText ? jsonText(argument.defaultValue()) : plain(argument.defaultValue()));
        } else if (!argument.isRequired() && argument.type() == ArgumentType.LIST) {
            // Swagger UI fills an optional field without a default with a made-up sample ([0]) and sends it;
            // an empty default keeps "Try it out" from sending values the user never chose
            schema._default(List.of());
        } else if (!argument.isRequired() && argument.type() == ArgumentType.BOOLEAN) {
            // the same for booleans (Swagger UI would send true); absent reads as false in the SPI anyway
            schema._default(false);
        }
        if (!argument.description().isBlank()) {
            schema.description(argument.description());
        }
        return schema;
    }

    private static Schema<Object> typeSchema(ArgumentType type, Encoding encoding) {
        Schema<Object> schema = new Schema<>();
        return switch (type) {
            case STRING -> schema.type("string");
            case INTEGER -> schema.type("integer").format("int64");
            case NUMBER -> schema.type("number").format("double");
            case BOOLEAN -> schema.type("boolean");
            case FILE -> schema.type("string").format("binary");
            case URL -> schema.type("string").format("uri");
            case JSON -> encoding == Encoding.JSON
                    ? schema.type("object").additionalProperties(true)
                    : schema.type("string").format("json");
            case LIST -> throw new IllegalArgumentException("a list holds scalars only");
        };
    }

    private static void constrain(Schema<Object> schema, Argument argument, List<Object> allowed) {
        if (!allowed.isEmpty()) {
            schema._enum(allowed.stream().map(ArgumentSchemas::plain).toList());
        }
        if (argument.minimum() != null) {
            schema.minimum(decimal(argument.minimum()));
        }
        if (argument.maximum() != null) {
            schema.maximum(decimal(argument.maximum()));
        }
    }

    /** For a list, allowed values that are scalars constrain each item. */
    private static List<Object> allowedItems(Argument argument) {
        return argument.allowedValues().stream().filter(v -> !(v instanceof List<?>)).toList();
    }

    /** For a list, allowed values that are lists constrain the whole list. */
    private static List<Object> allowedLists(Argument argument) {
        return argument.allowedValues().stream().filter(v -> v instanceof List<?>).map(ArgumentSchemas::plain).toList();
    }

    /** Whole numbers print as {@code 100}, not {@code 100.0}. */
    private static BigDecimal decimal(double value) {
        if (value == Math.rint(value) && Math.abs(value) < 1e15) {
            return BigDecimal.valueOf((long) value);
        }
        return BigDecimal.valueOf(value);
    }

    private static String jsonText(Object value) {
        try {
            return Json.mapper().writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("default value is not JSON-able: " + value, e);
        }
    }

    /** A parsed Java value as JSON shows it: a URI as its text, lists and maps element by element. */
    private static Object plain(Object value) {
        if (value instanceof URI uri) {
            return uri.toString();
        }
        if (value instanceof List<?> list) {
            return list.stream().map(ArgumentSchemas::plain).toList();
        }
        if (value instanceof Map<?, ?> || value instanceof Number || value instanceof Boolean
                || value instanceof String) {
            return value;
        }
        return String.valueOf(value);
    }
}
