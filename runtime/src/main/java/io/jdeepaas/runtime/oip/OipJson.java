package io.jdeepaas.runtime.oip;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;

/**
 * Readers of the protocol's JSON, strict where tensors need it: a shape's dimensions must be
 * whole numbers (no 1.5 taken as 1), nothing may follow the document, and whole numbers keep
 * their width (a {@code UINT64} above {@link Long#MAX_VALUE} is read, not refused).
 */
public final class OipJson {

    private OipJson() {
    }

    /**
     * @param mapper the runtime's mapper
     * @return a reader of {@link InferRequest}s
     */
    public static ObjectReader requests(ObjectMapper mapper) {
        return strict(mapper.readerFor(InferRequest.class));
    }

    /**
     * @param mapper the runtime's mapper
     * @return a reader of {@link InferResponse}s
     */
    public static ObjectReader responses(ObjectMapper mapper) {
        return strict(mapper.readerFor(InferResponse.class));
    }

    private static ObjectReader strict(ObjectReader reader) {
        return reader.without(DeserializationFeature.ACCEPT_FLOAT_AS_INT, DeserializationFeature.USE_LONG_FOR_INTS)
                .with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    }
}
