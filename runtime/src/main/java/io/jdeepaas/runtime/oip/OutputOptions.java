package io.jdeepaas.runtime.oip;

import io.jdeepaas.runtime.errors.BadRequestException;
import java.util.Map;

/**
 * What a request asks of one output through the protocol's extensions: its data as binary
 * ({@value #BINARY} on the output, else {@value #ALL_BINARY} on the request) and its top
 * {@value #CLASS_COUNT} classes instead of its values (the classification extension).
 *
 * @param binary whether the output's data follows the JSON header as binary data
 * @param classCount how many classes to answer, or 0 for the output's own values
 */
public record OutputOptions(boolean binary, int classCount) {

    /** The output parameter asking for its data as binary. */
    public static final String BINARY = "binary_data";
    /** The request parameter asking for every output's data as binary, unless an output says otherwise. */
    public static final String ALL_BINARY = "binary_data_output";
    /** The output parameter asking for its top classes. */
    public static final String CLASS_COUNT = "class_count";

    /**
     * @param request the request
     * @param output an output's name
     * @return what the request asks of that output
     * @throws BadRequestException when a parameter has the wrong type or class_count is below 1
     */
    public static OutputOptions of(InferRequest request, String output) {
        Boolean all = flag(request.parameters(), ALL_BINARY, "the request");
        Map<String, Object> own = null;
        if (request.outputs() != null) {
            for (InferRequest.RequestedOutput asked : request.outputs()) {
                if (asked != null && output.equals(asked.name())) {
                    own = asked.parameters();
                }
            }
        }
        Boolean binary = flag(own, BINARY, "output '" + output + "'");
        return new OutputOptions(binary != null ? binary : all != null && all, classCount(own, output));
    }

    private static Boolean flag(Map<String, Object> parameters, String key, String owner) {
        Object value = parameters == null ? null : parameters.get(key);
        if (value == null || value instanceof Boolean) {
            return (Boolean) value;
        }
        throw new BadRequestException("parameter " + key + " of " + owner + " must be true or false, not " + value);
    }

    private static int classCount(Map<String, Object> parameters, String output) {
        Object value = parameters == null ? null : parameters.get(CLASS_COUNT);
        if (value == null) {
            return 0;
        }
        if ((value instanceof Long || value instanceof Integer) && ((Number) value).longValue() >= 0
                && ((Number) value).longValue() <= Integer.MAX_VALUE) {
            return ((Number) value).intValue();
        }
        throw new BadRequestException("parameter " + CLASS_COUNT + " of output '" + output + "' must be a whole "
                + "number of classes >= 0 (0 for the output's own values), not " + value);
    }
}
