package io.jdeepaas.runtime.versions;

import io.jdeepaas.runtime.errors.BadRequestException;
import io.jdeepaas.runtime.errors.PayloadTooLargeException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * Writes an uploaded version into a staging folder: a zip archive is unpacked (its folders kept,
 * entries that would leave the folder refused), any other file is kept as it is under its name.
 */
final class UploadedVersion {

    private UploadedVersion() {
    }

    /**
     * @param body the uploaded bytes
     * @param fileName the file's name; a name ending in {@code .zip} is unpacked
     * @param into an empty folder
     * @param maxBytes the most that may be written in all
     * @throws BadRequestException on a bad name or a broken or hostile archive
     * @throws PayloadTooLargeException beyond {@code maxBytes}
     */
    static void write(InputStream body, String fileName, Path into, long maxBytes) {
        String name = safeName(fileName);
        try {
            if (name.toLowerCase(java.util.Locale.ROOT).endsWith(".zip")) {
                unzip(body, into, maxBytes);
            } else {
                copy(body, into.resolve(name), maxBytes);
            }
        } catch (IOException e) {
            throw new BadRequestException("the upload could not be read: " + e.getMessage());
        }
    }

    private static void unzip(InputStream body, Path into, long maxBytes) throws IOException {
        long left = maxBytes;
        int entries = 0;
        try (ZipInputStream zip = new ZipInputStream(body)) {
            for (ZipEntry entry = zip.getNextEntry(); entry != null; entry = zip.getNextEntry()) {
                Path target = into.resolve(entry.getName()).normalize();
                if (!target.startsWith(into) || target.equals(into)) {
                    throw new BadRequestException("the archive's entry '" + entry.getName() + "' points outside it");
                }
                if (entry.isDirectory()) {
                    Files.createDirectories(target);
                    continue;
                }
                Files.createDirectories(target.getParent());
                left -= copy(zip, target, left);
                entries++;
            }
        } catch (java.util.zip.ZipException e) {
            throw new BadRequestException("the upload is not a readable zip archive: " + e.getMessage());
        }
        if (entries == 0) {
            throw new BadRequestException("the archive holds no file");
        }
    }

    private static long copy(InputStream in, Path target, long maxBytes) throws IOException {
        long written = 0;
        byte[] buffer = new byte[64 * 1024];
        try (var out = Files.newOutputStream(target)) {
            for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                written += n;
                if (written > maxBytes) {
                    throw new PayloadTooLargeException("the version's files exceed --max-upload-size ("
                            + maxBytes + " bytes)");
                }
                out.write(buffer, 0, n);
            }
        }
        return written;
    }

    private static String safeName(String fileName) {
        if (fileName == null || fileName.isBlank()) {
            throw new BadRequestException("name the uploaded file: ?filename=model.pt (or a .zip of a folder)");
        }
        String name = Path.of(fileName).getFileName() == null ? "" : Path.of(fileName).getFileName().toString();
        if (name.isEmpty() || name.startsWith(".") || !name.matches("[A-Za-z0-9._-]+")) {
            throw new BadRequestException("filename must be a plain file name of letters, digits, '.', '_' and '-',"
                    + " got '" + fileName + "'");
        }
        return name;
    }
}
