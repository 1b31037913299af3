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
 * {@link #close()}: no upload outlives its request. The folder is made on first use, so a request
 * without files (most predictions) never touches the disk.
 *
 * <p>Threading: used by the request's thread, then closed by whichever thread ends the work.
 */
public final class UploadArea implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(UploadArea.class);

    private final Path root;
    private Path folder; // guarded by this; null until first asked for

    private UploadArea(Path root) {
        this.root = root;
    }

    /**
     * @param root the folder that holds every request's upload area
     * @return a new, private area; its folder is made when first asked for
     */
    public static UploadArea create(Path root) {
        return new UploadArea(root);
    }

    /** @return the area's folder, made (with its parents) on the first call */
    public synchronized Path folder() {
        if (folder == null) {
            try {
                Files.createDirectories(root);
                folder = Files.createDirectory(root.resolve(UUID.randomUUID().toString()));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot create an upload folder under " + root, e);
            }
        }
        return folder;
    }

    /**
     * @return the existing folder that holds this area's folder: where a parser may spool a part
     *     before it is known to be a file of this request
     */
    public Path spool() {
        return root;
    }

    /** @return a fresh path inside the area for the n-th uploaded file */
    public Path newFile(int index) {
        return folder().resolve("upload-" + index);
    }

    @Override
    public synchronized void close() {
        if (folder != null) {
            deleteTree(folder);
        }
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
