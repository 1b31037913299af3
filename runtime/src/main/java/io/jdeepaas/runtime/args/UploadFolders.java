package io.jdeepaas.runtime.args;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The upload folders of this process under {@code <data-dir>/tmp/uploads}: one folder per process,
 * held with a file lock for the process's life, each request's {@link UploadArea} inside it.
 *
 * <p>At start, the folders of processes that are gone (killed with {@code kill -9}, or crashed) are
 * swept: their lock is free. Folders of live replicas sharing the data folder keep their lock and
 * are left alone. On {@link #close()} this process deletes its own folder.
 */
public final class UploadFolders implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(UploadFolders.class);
    private static final String OWNER = ".owner";

    private final Path own;
    private final FileChannel channel;
    private final FileLock lock;

    private UploadFolders(Path own, FileChannel channel, FileLock lock) {
        this.own = own;
        this.channel = channel;
        this.lock = lock;
    }

    /**
     * Sweeps what dead processes left under the root, then makes and locks this process's folder.
     *
     * @param root {@code <data-dir>/tmp/uploads}
     * @return this process's upload folders
     */
    public static UploadFolders open(Path root) {
        try {
            Files.createDirectories(root);
            int swept = sweep(root);
            if (swept > 0) {
                LOG.info("swept {} upload folder(s) left under {} by processes that are gone", swept, root);
            }
            Path own = Files.createDirectory(root.resolve(UUID.randomUUID().toString()));
            FileChannel channel = FileChannel.open(own.resolve(OWNER), StandardOpenOption.CREATE,
                    StandardOpenOption.WRITE);
            return new UploadFolders(own, channel, channel.lock());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare the upload folder under " + root, e);
        }
    }

    /** @return a new area for one request's uploads (its folder is made only when a file arrives) */
    public UploadArea newArea() {
        return UploadArea.create(own);
    }

    /** @return this process's folder */
    public Path folder() {
        return own;
    }

    private static int sweep(Path root) throws IOException {
        int swept = 0;
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(root)) {
            for (Path entry : entries) {
                if (!Files.isDirectory(entry) || !alive(entry)) {
                    UploadArea.deleteTree(entry);
                    swept++;
                }
            }
        }
        return swept;
    }

    /** @return whether a live process holds the folder's lock */
    private static boolean alive(Path folder) {
        Path owner = folder.resolve(OWNER);
        if (!Files.exists(owner)) {
            return false; // a request folder of a layout without owners, or a half-made folder
        }
        try (FileChannel channel = FileChannel.open(owner, StandardOpenOption.WRITE)) {
            FileLock lock = channel.tryLock();
            if (lock == null) {
                return true;
            }
            lock.release();
            return false;
        } catch (OverlappingFileLockException e) {
            return true; // held by this JVM (another server on the same data folder)
        } catch (IOException e) {
            return true; // cannot tell: leave it
        }
    }

    @Override
    public void close() {
        try {
            lock.release();
            channel.close();
        } catch (IOException e) {
            LOG.warn("cannot release the upload folder's lock {}: {}", own, e.getMessage());
        }
        UploadArea.deleteTree(own);
    }
}
