package io.jdeepaas.runtime.openapi;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.jdeepaas.spi.Argument;
import io.jdeepaas.spi.ArgumentType;
import io.swagger.v3.core.util.Json;
import io.swagger.v3.oas.models.Components;
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
 * <p>Each operation offers <em>one</em> media type, so that a generated client has exactly one
 * way to send the arguments and sends all of them: {@code multipart/form-data} when the model
 * declares a file argument (every argument a form field, files as {@code string/binary}, lists
 * as repeated fields), and {@code application/json} otherwise (one object of every argument).
 * A client generator given several media types picks one of its own choosing, and openapi-generator's
 * Java and Python clients then sent an empty JSON body. The server still reads the other
 * encodings and the query string, as the operation's description says.
 *
 * <p>The body's schema is kept in {@code components/schemas} under a name made of the model's
 * name and the action ({@code DemoPredictArguments}), which generated clients use as a class
 * name. An optional argument gets a {@code default} only when it has one: Swagger UI turns any
 * other sample value into a value it sends.
 */
public final class ArgumentSchemas {

    /** How a request body carries the arguments. */
    public enum Encoding {
        /** {@code multipart/form-data}: every argument, files included. */
        MULTIPART("multipart/form-data"),
        /** {@code application/json}: a JSON object of every argument; only for models without file arguments. */
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
     * @param arguments the declared arguments
     * @return multipart when an argument is a file, JSON otherwise
     */
    public static Encoding encodingOf(List<Argument> arguments) {
        return arguments.stream().anyMatch(a -> a.type() == ArgumentType.FILE) ? Encoding.MULTIPART : Encoding.JSON;
    }

    /**
     * The request body of a predict or train operation, its schema added to the components.
     *
     * @param model the model's name
     * @param action {@code predict} or {@code train}
     * @param arguments the declared arguments
     * @param components the document's components, which gain the body's schema
     * @return a body in one media type with an example of the required arguments; {@code null}
     *     when there are no arguments
     */
    public static RequestBody requestBody(String model, String action, List<Argument> arguments,
                                          Components components) {
        if (arguments.isEmpty()) {
            return null;
        }
        Encoding encoding = encodingOf(arguments);
        String name = componentName(model, action + " arguments", components);
        components.addSchemas(name, objectSchema(arguments, encoding)
                .description("The arguments of " + action + " of " + model));
        MediaType media = new MediaType().schema(SharedSchemas.ref(name));
        Map<String, Object> example = ArgumentExamples.requiredOnly(arguments, encoding);
        if (example != null) {
            media.example(example);
        }
        boolean required = arguments.stream().anyMatch(Argument::isRequired);
        return new RequestBody()
                .description(encoding == Encoding.MULTIPART
                        ? "The arguments as form fields (files as parts, a list as one field per item)"
                        : "The arguments as one JSON object; leave out an argument to use its default")
                .required(required ? Boolean.TRUE : null)
                .content(new Content().addMediaType(encoding.mediaType(), media));
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
     * @return its schema, with its default (only when it has one), allowed values, range and description
     */
    public static Schema<Object> schema(Argument argument, Encoding encoding) {
        Schema<Object> schema;
        if (argument.type() == ArgumentType.LIST && encoding == Encoding.MULTIPART) {
            schema = listAsText(argument);
            if (argument.defaultValue() instanceof List<?> items) {
                schema._default(String.join(",", items.stream().map(v -> String.valueOf(plain(v))).toList()));
            }
            return schema;
        } else if (argument.type() == ArgumentType.LIST) {
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
            schema._default(defaultOf(argument, encoding));
        }
        if (!argument.description().isBlank()) {
            schema.description(argument.description());
        }
        return schema;
    }

    /**
     * @param argument a declared argument with a default
     * @param encoding how a body carries it
     * @return its default as the encoding shows it: a JSON argument's as text in a form
     */
    static Object defaultOf(Argument argument, Encoding encoding) {
        boolean jsonText = argument.type() == ArgumentType.JSON && encoding != Encoding.JSON;
        return jsonText ? jsonText(argument.defaultValue()) : plain(argument.defaultValue());
    }

    /**
     * A list in a form, as one text field of comma-separated items. openapi-generator's okhttp-gson
     * client sends a form array as the whole list in JSON, once per item ({@code [1,2]} twice) and
     * its native client fails on a null one; both send a text field as it is, and the server
     * splits one field at its commas (items of a list of strings cannot hold commas this way).
     */
    private static Schema<Object> listAsText(Argument argument) {
        StringBuilder text = new StringBuilder("Comma-separated ").append(argument.itemType().label()).append(" items");
        if (argument.minimum() != null || argument.maximum() != null) {
            text.append(", each ").append(argument.minimum() == null ? "" : "at least "
                    + decimal(argument.minimum()).toPlainString()).append(argument.minimum() != null
                    && argument.maximum() != null ? " and " : "").append(argument.maximum() == null ? ""
                    : "at most " + decimal(argument.maximum()).toPlainString());
        }
        if (!allowedItems(argument).isEmpty()) {
            text.append(", each one of ").append(String.join(", ", allowedItems(argument).stream()
                    .map(v -> String.valueOf(plain(v))).toList()));
        }
        if (argument.minItems() != null && argument.minItems() > 0 || argument.maxItems() != null) {
            text.append(argument.minItems() != null && argument.minItems() > 0 ? ", at least " + argument.minItems()
                    + " items" : "").append(argument.maxItems() != null ? ", at most " + argument.maxItems() + " items"
                    : "");
        }
        text.append(", e.g. ").append(example(argument));
        if (!argument.description().isBlank()) {
            text.append(". ").append(argument.description());
        }
        return new Schema<Object>().type("string").description(text.toString());
    }

    private static String example(Argument argument) {
        return switch (argument.itemType()) {
            case INTEGER -> "1,2,3";
            case NUMBER -> "0.5,1.5";
            case BOOLEAN -> "true,false";
            default -> "a,b";
        };
    }

    /**
     * @param model the model's name
     * @param what what the component holds, in words ({@code predict arguments})
     * @param components the document's components
     * @return {@code demo} + {@code predict arguments} → {@code DemoPredictArguments}; a number suffix
     *     keeps it unique among the components
     */
    static String componentName(String model, String what, Components components) {
        StringBuilder name = new StringBuilder();
        for (String part : (model + "_" + what).split("[^A-Za-z0-9]+")) {
            if (!part.isEmpty()) {
                name.append(Character.toUpperCase(part.charAt(0))).append(part.substring(1));
            }
        }
        String candidate = name.toString();
        for (int i = 2; components.getSchemas() != null && components.getSchemas().containsKey(candidate); i++) {
            candidate = name + String.valueOf(i);
        }
        return candidate;
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
                    : schema.type("string").description("A JSON object, as text");
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
    static BigDecimal decimal(double value) {
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
    static Object plain(Object value) {
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
