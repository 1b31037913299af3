package io.jdeepaas.runtime.oip;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.jdeepaas.runtime.TestRuntime;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import okhttp3.MediaType;
import okhttp3.Request;
import okhttp3.RequestBody;

/**
 * Bodies of the binary tensor data extension written byte by byte from the protocol's description
 * (a JSON header, then each binary tensor's little-endian bytes), and answers read back the same
 * way: the header's length from {@code Inference-Header-Content-Length}, then each output's
 * {@code binary_data_size} bytes in order.
 */
final class BinaryBodies {

    private BinaryBodies() {
    }

    /** A little-endian buffer of {@code size} bytes. */
    static ByteBuffer le(int size) {
        return ByteBuffer.allocate(size).order(ByteOrder.LITTLE_ENDIAN);
    }

    /** BYTES elements: each a 4-byte little-endian length, then its bytes. */
    static byte[] strings(String... elements) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (String e : elements) {
            byte[] bytes = e.getBytes(StandardCharsets.UTF_8);
            out.writeBytes(le(4).putInt(bytes.length).array());
            out.writeBytes(bytes);
        }
        return out.toByteArray();
    }

    static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }

    /** Posts the header then the binary parts, with the header length given as {@code headerLength}. */
    static TestRuntime.Answer post(TestRuntime runtime, String path, String header, String headerLength,
                                   byte[]... binary) {
        byte[] body = concat(header.getBytes(StandardCharsets.UTF_8), concat(binary));
        return runtime.send(new Request.Builder().url(runtime.url(path))
                .post(RequestBody.create(body, MediaType.get("application/octet-stream")))
                .header("Inference-Header-Content-Length", headerLength).build());
    }

    /** Posts the header then the binary parts, the header length being the header's. */
    static TestRuntime.Answer post(TestRuntime runtime, String path, String header, byte[]... binary) {
        return post(runtime, path, header, String.valueOf(header.getBytes(StandardCharsets.UTF_8).length), binary);
    }

    /** A binary answer split into its JSON header and each binary output's bytes by name. */
    record Split(JsonNode header, Map<String, byte[]> outputs) {
    }

    static Split split(TestRuntime.Answer answer) throws IOException {
        assertThat(answer.status()).as(answer.text()).isEqualTo(200);
        assertThat(answer.header("Content-Type")).startsWith("application/octet-stream");
        int length = Integer.parseInt(answer.header("Inference-Header-Content-Length"));
        JsonNode header = TestRuntime.JSON.readTree(Arrays.copyOfRange(answer.body(), 0, length));
        Map<String, byte[]> outputs = new LinkedHashMap<>();
        int at = length;
        for (JsonNode output : header.path("outputs")) {
            JsonNode size = output.path("parameters").path("binary_data_size");
            if (!size.isMissingNode()) {
                assertThat(output.has("data")).as("a binary output has no JSON data").isFalse();
                outputs.put(output.path("name").asText(), Arrays.copyOfRange(answer.body(), at, at + size.asInt()));
                at += size.asInt();
            }
        }
        assertThat(at).as("the binary outputs fill the body").isEqualTo(answer.body().length);
        return new Split(header, outputs);
    }
}
