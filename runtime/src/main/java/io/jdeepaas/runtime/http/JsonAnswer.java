package io.jdeepaas.runtime.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * Writes a JSON answer straight to the response as UTF-8 bytes: the hot routes' way (predict,
 * infer). {@code ctx.json} would write the value to a String, encode that, and copy it through an
 * 8 KB buffer of Javalin's; this writes once. Compression still applies (the stream is Javalin's).
 */
final class JsonAnswer {

    private JsonAnswer() {
    }

    /**
     * @param ctx the request to answer (status and headers set before)
     * @param json the mapper to write with
     * @param value the answer
     */
    static void send(Context ctx, ObjectMapper json, Object value) {
        byte[] body = bytes(json, value);
        ctx.contentType("application/json");
        try {
            ctx.outputStream().write(body);
        } catch (IOException e) {
            throw new UncheckedIOException("the client did not take the answer", e);
        }
    }

    /** @return the answer as UTF-8 JSON bytes (an answer the runtime built, so it always can be written) */
    static byte[] bytes(ObjectMapper json, Object value) {
        try {
            return json.writeValueAsBytes(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("the answer cannot be written as JSON", e);
        }
    }
}
