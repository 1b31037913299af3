package io.jdeepaas.runtime.args;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.UUID;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A private folder for one request's uploaded files, deleted with everything in it on
 * {@link #close()}: no upload outlives its request.
 */
public final class UploadArea implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(UploadArea.class);

    private final Path folder;

    private UploadArea(Path folder) {
        this.folder = folder;
    }

    /**
     * @param root the folder that holds every request's upload area
     * @return a new, empty, private area
     */
    public static UploadArea create(Path root) {
        try {
            Files.createDirectories(root);
            return new UploadArea(Files.createDirectory(root.resolve(UUID.randomUUID().toString())));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create an upload folder under " + root, e);
        }
    }

    public Path folder() {
        return folder;
    }

    /** @return a fresh path inside the area for the n-th uploaded file */
    public Path newFile(int index) {
        return folder.resolve("upload-" + index);
    }

    @Override
    public void close() {
        deleteTree(folder);
    }

    /** Deletes a folder and everything in it; logs what it could not delete. */
    public static void deleteTree(Path folder) {
        if (!Files.exists(folder)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(folder)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException e) {
                    LOG.warn("cannot delete {}: {}", p, e.getMessage());
                }
            });
        } catch (IOException e) {
            LOG.warn("cannot delete {}: {}", folder, e.getMessage());
        }
    }
}
