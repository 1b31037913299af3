package io.jdeepaas.runtime.registry;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.StreamWriteConstraints;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.exc.InvalidDefinitionException;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import com.fasterxml.jackson.databind.util.RawValue;
import io.jdeepaas.runtime.errors.ModuleFailureException;
import io.jdeepaas.runtime.json.Json;
import io.jdeepaas.spi.BinaryResult;
import java.io.IOException;
import java.util.List;
import java.util.Locale;

/**
 * Checks, once, that what a module returned can be answered: a JSON value is written here (a
 * predict result as raw JSON text, a training result as a tree; Optional and java.time values
 * included), and a value JSON cannot hold (NaN or Infinity, an
 * object without properties, a map that contains itself) is refused with a short message naming the
 * module and the type; a binary result must have the media type that was negotiated, one the module
 * declared. The HTTP layer and the CLI then only write the checked value.
 */
final class ResultMapping {

    /** How deep a result may nest before it is taken for a value that contains itself. */
    static final int MAX_DEPTH = 500;

    private final ObjectMapper strict;

    ResultMapping() {
        SimpleModule finite = new SimpleModule("finite-numbers");
        finite.addSerializer(Double.class, new FiniteSerializer<>(Double.class));
        finite.addSerializer(double.class, new FiniteSerializer<>(Double.class));
        finite.addSerializer(Float.class, new FiniteSerializer<>(Float.class));
        finite.addSerializer(float.class, new FiniteSerializer<>(Float.class));
        finite.addSerializer(double[].class, new FiniteArraySerializer());
        this.strict = Json.mapper().registerModule(finite).enable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
                .disable(SerializationFeature.WRITE_DURATIONS_AS_TIMESTAMPS);
        strict.getFactory().setStreamWriteConstraints(StreamWriteConstraints.builder().maxNestingDepth(MAX_DEPTH).build());
    }

    /**
     * @param model the module's name
     * @param result what {@code predict} returned
     * @param declared the media types the module declared
     * @param negotiated the media type the request is answered with
     * @return a {@link BinaryResult} as it is, anything else as checked raw JSON ({@link RawValue})
     * @throws ModuleFailureException a 500 naming the module and the type
     */
    Object predicted(String model, Object result, List<String> declared, String negotiated) {
        if (result instanceof BinaryResult binary) {
            String type = baseType(binary.mediaType());
            boolean wasDeclared = declared.stream().map(ResultMapping::baseType).anyMatch(type::equals);
            if (!wasDeclared || !type.equals(baseType(negotiated))) {
                throw new ModuleFailureException("model '" + model + "' returned a binary " + binary.mediaType()
                        + " result, but " + (wasDeclared ? negotiated + " was asked for"
                        : "it declares only " + String.join(", ", declared) + " in responseTypes()"), null);
            }
            return binary;
        }
        return written(model, "predict", result);
    }

    /**
     * @return the result written as JSON once, kept as raw JSON text that any mapper copies as it
     *     is: a predict answer is written once here and copied once into the answer, never turned
     *     into a tree first
     * @throws ModuleFailureException a 500 naming the module and the type
     */
    private RawValue written(String model, String what, Object result) {
        try {
            return new RawValue(strict.writeValueAsString(result));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw cannotWrite(model, what, reason(e, result));
        } catch (StackOverflowError e) {
            throw cannotWrite(model, what, "a " + typeOf(result) + " that contains itself");
        }
    }

    /**
     * @param model the module's name
     * @param what {@code predict} or {@code train}
     * @param result what the module returned
     * @return the result as a JSON tree
     * @throws ModuleFailureException a 500 naming the module and the type
     */
    JsonNode json(String model, String what, Object result) {
        if (result instanceof BinaryResult binary) {
            throw new ModuleFailureException("model '" + model + "' returned a binary " + binary.mediaType() + " "
                    + what + " result; a " + what + " result must be a JSON value", null);
        }
        try {
            return strict.valueToTree(result);
        } catch (IllegalArgumentException e) { // valueToTree wraps the writing's failure
            throw cannotWrite(model, what, reason(e.getCause() == null ? e : e.getCause(), result));
        } catch (StackOverflowError e) {
            throw cannotWrite(model, what, "a " + typeOf(result) + " that contains itself");
        }
    }

    private static ModuleFailureException cannotWrite(String model, String what, String reason) {
        return new ModuleFailureException("model '" + model + "' returned a " + what + " result that cannot be"
                + " written as JSON: " + reason, null);
    }

    /**
     * @param model the module's name
     * @param what {@code train}
     * @param result what the module returned
     * @return the result as plain JSON values: maps, lists, strings, numbers, booleans
     * @throws ModuleFailureException a 500 naming the module and the type
     */
    Object plain(String model, String what, Object result) {
        try {
            return strict.treeToValue(json(model, what, result), Object.class);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("a JSON tree did not read back", e);
        }
    }

    /** @param cause why the result could not be written: Jackson's failure */
    private static String reason(Throwable cause, Object result) {
        if (cause instanceof NotFinite notFinite) {
            return notFinite.getOriginalMessage() + " at " + path((JsonMappingException) cause);
        }
        if (cause instanceof InvalidDefinitionException invalid && invalid.getType() != null) {
            return "a " + invalid.getType().getRawClass().getSimpleName() + " has no properties to write (no public"
                    + " getters or fields); return a record, a Map, or a class with getters";
        }
        String message = cause.getMessage() == null ? "" : cause.getMessage();
        if (message.contains("nesting depth")) {
            return "it nests more than " + MAX_DEPTH + " levels deep: does a " + typeOf(result) + " contain itself?";
        }
        if (cause instanceof JsonMappingException mapping) {
            String first = mapping.getOriginalMessage();
            return (first.length() > 200 ? first.substring(0, 200) + "..." : first) + " at " + path(mapping);
        }
        return message.length() > 200 ? message.substring(0, 200) + "..." : message;
    }

    private static String path(JsonMappingException e) {
        StringBuilder path = new StringBuilder("$");
        for (JsonMappingException.Reference ref : e.getPath()) {
            path.append(ref.getFieldName() != null ? "." + ref.getFieldName() : "[" + ref.getIndex() + "]");
            if (path.length() > 120) {
                return path.append("...").toString();
            }
        }
        return path.toString();
    }

    private static String typeOf(Object value) {
        if (value instanceof java.util.Map) {
            return "map";
        }
        if (value instanceof java.util.Collection) {
            return "list";
        }
        return value == null ? "value" : value.getClass().getSimpleName();
    }

    private static String baseType(String mediaType) {
        int semicolon = mediaType.indexOf(';');
        return (semicolon >= 0 ? mediaType.substring(0, semicolon) : mediaType).strip().toLowerCase(Locale.ROOT);
    }

    /** Refuses NaN and the infinities, which JSON has no number for. */
    private static final class FiniteSerializer<T extends Number> extends StdSerializer<T> {
        private static final long serialVersionUID = 1L;

        FiniteSerializer(Class<T> type) {
            super(type);
        }

        @Override
        public void serialize(T value, JsonGenerator gen, SerializerProvider provider) throws IOException {
            double d = value.doubleValue();
            if (!Double.isFinite(d)) {
                throw new NotFinite(gen, value + " is not a JSON number (JSON has no NaN or Infinity; return null"
                        + " or a string)");
            }
            if (value instanceof Float f) {
                gen.writeNumber(f);
            } else {
                gen.writeNumber(d);
            }
        }
    }

    /** Refuses NaN and the infinities inside a {@code double[]}. */
    private static final class FiniteArraySerializer extends StdSerializer<double[]> {
        private static final long serialVersionUID = 1L;

        FiniteArraySerializer() {
            super(double[].class);
        }

        @Override
        public void serialize(double[] values, JsonGenerator gen, SerializerProvider provider) throws IOException {
            gen.writeStartArray(values, values.length);
            for (double d : values) {
                if (!Double.isFinite(d)) {
                    throw new NotFinite(gen, d + " is not a JSON number (JSON has no NaN or Infinity; return null"
                            + " or a string)");
                }
                gen.writeNumber(d);
            }
            gen.writeEndArray();
        }
    }

    /** A number JSON cannot hold. */
    private static final class NotFinite extends JsonMappingException {
        private static final long serialVersionUID = 1L;

        NotFinite(JsonGenerator gen, String message) {
            super(gen, message);
        }
    }
}
