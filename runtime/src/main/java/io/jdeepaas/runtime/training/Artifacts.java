package io.jdeepaas.runtime.training;

import io.jdeepaas.runtime.errors.BadRequestException;
import io.jdeepaas.runtime.errors.NotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URLConnection;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Lists and finds the files of a training's output folder, never anything outside it: a name
 * with {@code ..}, an absolute name, or a symbolic link whose target lies outside is refused.
 */
public final class Artifacts {

    private static final Map<String, String> TYPES = Map.ofEntries(
            Map.entry("json", "application/json"), Map.entry("jsonl", "application/x-ndjson"),
            Map.entry("txt", "text/plain"), Map.entry("log", "text/plain"), Map.entry("csv", "text/csv"),
            Map.entry("tsv", "text/tab-separated-values"), Map.entry("yaml", "application/yaml"),
            Map.entry("yml", "application/yaml"), Map.entry("md", "text/markdown"), Map.entry("html", "text/html"),
            Map.entry("png", "image/png"), Map.entry("jpg", "image/jpeg"), Map.entry("jpeg", "image/jpeg"),
            Map.entry("gif", "image/gif"), Map.entry("svg", "image/svg+xml"), Map.entry("pdf", "application/pdf"),
            Map.entry("zip", "application/zip"), Map.entry("gz", "application/gzip"),
            Map.entry("tar", "application/x-tar"), Map.entry("onnx", "application/octet-stream"));

    private Artifacts() {
    }

    /**
     * @param outputDir a training's output folder
     * @return its regular files (recursively), by name
     */
    public static List<ArtifactFile> list(Path outputDir) {
        if (!Files.isDirectory(outputDir)) {
            return List.of();
        }
        Path root = real(outputDir);
        if (root == null) {
            return List.of();
        }
        List<ArtifactFile> files = new ArrayList<>();
        try (Stream<Path> walk = Files.walk(outputDir)) {
            for (Path file : (Iterable<Path>) walk::iterator) {
                Path real = real(file);
                if (Files.isRegularFile(file) && real != null && real.startsWith(root)) {
                    String name = outputDir.relativize(file).toString().replace(file.getFileSystem().getSeparator(), "/");
                    files.add(new ArtifactFile(name, Files.size(real), sha256(real)));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list the artifacts in " + outputDir, e);
        }
        files.sort(Comparator.comparing(ArtifactFile::name));
        return files;
    }

    /**
     * @param outputDir a training's output folder
     * @param name a file's name relative to it, as a client sent it
     * @return the file
     * @throws BadRequestException for a name that leaves the folder ({@code ..}, absolute)
     * @throws NotFoundException for a missing file, a folder, or a link leading outside
     */
    public static Path resolve(Path outputDir, String name) {
        if (name == null || name.isBlank()) {
            throw new BadRequestException("name an artifact, e.g. artifacts/model.txt; list them at artifacts/");
        }
        String normalized = name.replace('\\', '/');
        if (normalized.startsWith("/") || normalized.contains("\0") || normalized.matches("^[A-Za-z]:.*")) {
            throw new BadRequestException("the artifact name '" + name + "' must be relative to the output folder");
        }
        for (String segment : normalized.split("/")) {
            if (segment.equals("..")) {
                throw new BadRequestException("the artifact name '" + name + "' leaves the output folder");
            }
        }
        Path file = outputDir.resolve(normalized).normalize();
        if (!file.startsWith(outputDir.normalize())) {
            throw new BadRequestException("the artifact name '" + name + "' leaves the output folder");
        }
        Path real = real(file);
        Path root = real(outputDir);
        if (!Files.isRegularFile(file) || real == null || root == null || !real.startsWith(root)) {
            throw new NotFoundException("no artifact '" + name + "'; list them at artifacts/");
        }
        return file;
    }

    /** @return the media type a file's name suggests, {@code application/octet-stream} when unknown */
    public static String contentType(Path file) {
        String name = file.getFileName().toString();
        int dot = name.lastIndexOf('.');
        String known = dot < 0 ? null : TYPES.get(name.substring(dot + 1).toLowerCase(Locale.ROOT));
        if (known != null) {
            return known;
        }
        String guessed = URLConnection.guessContentTypeFromName(name);
        return guessed != null ? guessed : "application/octet-stream";
    }

    private static Path real(Path path) {
        try {
            return path.toRealPath();
        } catch (IOException e) {
            return null;
        }
    }

    private static String sha256(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            byte[] buffer = new byte[64 * 1024];
            for (int n; (n = in.read(buffer)) > 0; ) {
                digest.update(buffer, 0, n);
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
