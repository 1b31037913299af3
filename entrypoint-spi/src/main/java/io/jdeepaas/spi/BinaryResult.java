package io.jdeepaas.spi;

import java.util.Objects;

/**
 * A non-JSON prediction: bytes with their media type, e.g. a PNG image or a zip archive.
 *
 * @param mediaType the body's media type, e.g. {@code image/png}
 * @param body the bytes
 * @param fileName a download name suggested to the client, or {@code null}
 */
public record BinaryResult(String mediaType, byte[] body, String fileName) {

    /**
     * Checks the fields.
     *
     * @param mediaType the body's media type
     * @param body the bytes
     * @param fileName a suggested download name
     */
    public BinaryResult {
        Objects.requireNonNull(mediaType, "mediaType");
        Objects.requireNonNull(body, "body");
    }

    /**
     * @param mediaType the body's media type
     * @param body the bytes
     * @return a result without a file name
     */
    public static BinaryResult of(String mediaType, byte[] body) {
        return new BinaryResult(mediaType, body, null);
    }
}
