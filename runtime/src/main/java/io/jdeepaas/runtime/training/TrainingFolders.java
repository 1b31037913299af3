package io.jdeepaas.runtime.training;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;

/**
 * The folders of trainings on disk, {@code <data-dir>/trainings/<model>/<uuid>/}: {@code output/}
 * holds the artifacts a module writes, {@code inputs/} the copies of uploaded files (kept so a
 * queued training can run after a restart, and a retry can reuse them).
 */
public final class TrainingFolders {

    private final Path root;

    public TrainingFolders(Path root) {
        this.root = root.toAbsolutePath().normalize();
    }

    /** @return the folder for a training's artifacts, created if needed */
    public Path outputDir(String model, String uuid) {
        return created(folder(model, uuid).resolve("output"));
    }

    /** @return the folder for a training's copies of uploaded inputs, created if needed */
    public Path inputDir(String model, String uuid) {
        return created(folder(model, uuid).resolve("inputs"));
    }

    /** Copies one training's inputs into another's. */
    public void copyInputs(String model, String fromUuid, String toUuid) {
        Path from = folder(model, fromUuid).resolve("inputs");
        if (!Files.isDirectory(from)) {
            return;
        }
        Path to = inputDir(model, toUuid);
        try (var files = Files.list(from)) {
            for (Path file : (Iterable<Path>) files::iterator) {
                if (Files.isRegularFile(file, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
                    Files.copy(file, to.resolve(file.getFileName()));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot copy the inputs of training " + fromUuid, e);
        }
    }

    /** Deletes a training's folder and everything in it (symbolic links are removed, not followed). */
    public void delete(String model, String uuid) {
        Path folder = folder(model, uuid);
        if (!Files.exists(folder, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try {
            Files.walkFileTree(folder, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                    Files.delete(file);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult postVisitDirectory(Path dir, IOException e) throws IOException {
                    if (e != null) {
                        throw e;
                    }
                    Files.delete(dir);
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete the folder of training " + uuid, e);
        }
    }

    private Path folder(String model, String uuid) {
        return root.resolve(model).resolve(uuid);
    }

    private static Path created(Path folder) {
        try {
            return Files.createDirectories(folder);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
