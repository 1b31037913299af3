package io.jdeepaas.examples.demo;

import io.jdeepaas.spi.UploadedFile;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * Builds the demo's zip: {@code args.json} with the echo, and the attachment (when given) under
 * its original base name. A name that is empty, {@code .}, {@code ..} or {@code args.json} itself
 * becomes {@code attachment} or {@code attachment-args.json}.
 */
final class DemoArchive {

    /** The archive entry holding the echoed arguments. */
    static final String ARGS_ENTRY = "args.json";

    private DemoArchive() {
    }

    /**
     * @param argsJson the echo as JSON text
     * @param attachment the uploaded file, or {@code null}
     * @return the zip bytes
     * @throws IOException when the attachment cannot be read
     */
    static byte[] zip(String argsJson, UploadedFile attachment) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes, StandardCharsets.UTF_8)) {
            zip.putNextEntry(new ZipEntry(ARGS_ENTRY));
            zip.write(argsJson.getBytes(StandardCharsets.UTF_8));
            zip.closeEntry();
            if (attachment != null) {
                zip.putNextEntry(new ZipEntry(entryName(attachment.originalName())));
                try (InputStream in = attachment.open()) {
                    in.transferTo(zip);
                }
                zip.closeEntry();
            }
        }
        return bytes.toByteArray();
    }

    /**
     * @param originalName the name the client sent, possibly a path or {@code null}
     * @return a safe entry name: the last path element, without control characters
     */
    static String entryName(String originalName) {
        String name = originalName == null ? "" : originalName;
        name = name.substring(Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\')) + 1);
        name = name.replaceAll("\\p{Cntrl}", "").strip();
        if (name.isEmpty() || name.equals(".") || name.equals("..")) {
            return "attachment";
        }
        return name.equals(ARGS_ENTRY) ? "attachment-" + name : name;
    }
}
