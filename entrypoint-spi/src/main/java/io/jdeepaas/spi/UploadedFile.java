package io.jdeepaas.spi;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A file uploaded with a request. It is stored in a private temporary folder and deleted when
 * the request ends: copy it if a training must keep it.
 *
 * @param originalName the file name the client sent, or {@code ""}
 * @param contentType the media type the client sent, or {@code application/octet-stream}
 * @param path where the bytes are, readable for the request's duration
 * @param size the size in bytes
 */
public record UploadedFile(String originalName, String contentType, Path path, long size) {

    /**
     * @return a new stream over the file's bytes
     * @throws IOException when the file cannot be read
     */
    public InputStream open() throws IOException {
        return Files.newInputStream(path);
    }

    /**
     * @return the whole file in memory
     * @throws IOException when the file cannot be read
     */
    public byte[] bytes() throws IOException {
        return Files.readAllBytes(path);
    }
}
