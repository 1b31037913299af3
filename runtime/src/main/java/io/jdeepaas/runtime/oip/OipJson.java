package io.jdeepaas.runtime.oip;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.type.LogicalType;
import java.util.Collection;
import java.util.Map;

/**
 * Readers of the protocol's JSON, strict where tensors need it: a shape's dimensions must be
 * whole numbers (no 1.5 taken as 1, no {@code "4"} taken as 4), a name or datatype must be a
 * string, nothing may follow the document, and whole numbers keep their width (a {@code UINT64}
 * above {@link Long#MAX_VALUE} is read, not refused). {@link #problem} says what is wrong with a
 * body in the protocol's terms, never in Java's.
 */
public final class OipJson {

    private OipJson() {
    }

    /**
     * @param mapper the runtime's mapper (left as it is)
     * @return a reader of {@link InferRequest}s
     */
    public static ObjectReader requests(ObjectMapper mapper) {
        return strict(mapper).readerFor(InferRequest.class);
    }

    /**
     * @param mapper the runtime's mapper (left as it is)
     * @return a reader of {@link InferResponse}s
     */
    public static ObjectReader responses(ObjectMapper mapper) {
        return strict(mapper).readerFor(InferResponse.class);
    }

    /**
     * @param e why a body could not be read as an inference request
     * @return what is wrong, by the path of the field in the body ({@code inputs[0].shape[1]}), with
     *     no Java type in it
     */
    public static String problem(JsonProcessingException e) {
        String original = e.getOriginalMessage() == null ? "" : e.getOriginalMessage();
        if (original.startsWith("Trailing token")) {
            return "something follows the JSON object; send one inference request";
        }
        if (e instanceof MismatchedInputException mismatch) {
            String path = path(mismatch);
            String expected = expected(mismatch.getTargetType());
            return path.isEmpty() ? "the body must be " + expected
                    : path + " must be " + expected;
        }
        String at = e.getLocation() == null ? "" : " (line " + e.getLocation().getLineNr() + ", column "
                + e.getLocation().getColumnNr() + ")";
        return original + at;
    }

    private static String path(JsonMappingException e) {
        StringBuilder path = new StringBuilder();
        for (JsonMappingException.Reference ref : e.getPath()) {
            if (ref.getFieldName() != null) {
                path.append(path.length() == 0 ? "" : ".").append(ref.getFieldName());
            } else if (ref.getIndex() >= 0) {
                path.append('[').append(ref.getIndex()).append(']');
            }
        }
        return path.toString();
    }

    private static String expected(Class<?> type) {
        if (type == null) {
            return "a value of another kind";
        }
        if (type == Long.class || type == long.class || type == Integer.class || type == int.class) {
            return "a whole number";
        }
        if (type == String.class) {
            return "a string";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "true or false";
        }
        if (Collection.class.isAssignableFrom(type) || type.isArray()) {
            return "a list";
        }
        if (Map.class.isAssignableFrom(type) || type.isRecord()) {
            return "an object";
        }
        return "a value of another kind";
    }

    private static ObjectMapper strict(ObjectMapper mapper) {
        ObjectMapper copy = mapper.copy()
                .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT, DeserializationFeature.USE_LONG_FOR_INTS)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
        copy.coercionConfigFor(LogicalType.Integer).setCoercion(CoercionInputShape.String, CoercionAction.Fail);
        copy.coercionConfigFor(LogicalType.Textual).setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail);
        return copy;
    }
}
