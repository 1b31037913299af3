package io.jdeepaas.runtime.training;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * The folders of trainings on disk, {@code <data-dir>/trainings/<model>/<uuid>/}: {@code output/}
 * holds the artifacts a module writes, {@code inputs/} the copies of uploaded files (kept so a
 * queued training can run after a restart, and a retry can reuse them).
 */
public final class TrainingFolders {

    private static final Pattern TRAINING_ID = Pattern.compile("[0-9a-f]{32}");

    private final Path root;

    public TrainingFolders(Path root) {
        this.root = root.toAbsolutePath().normalize();
    }

    /** @return the folder for a training's artifacts, created if needed */
    public Path outputDir(String model, String uuid) {
        return created(folder(model, uuid).resolve("output"));
    }

    /** @return the folder for a training's copies of uploaded inputs (made when the first is kept) */
    public Path inputDir(String model, String uuid) {
        return folder(model, uuid).resolve("inputs");
    }

    /** Copies one training's inputs into another inputs folder (made if there is any). */
    public void copyInputs(String model, String fromUuid, Path to) {
        Path from = folder(model, fromUuid).resolve("inputs");
        if (!Files.isDirectory(from)) {
            return;
        }
        try (var files = Files.list(from)) {
            Files.createDirectories(to);
            for (Path file : (Iterable<Path>) files::iterator) {
                if (Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
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
        if (!Files.exists(folder, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try {
            deleteTree(folder);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete the folder of training " + uuid, e);
        }
    }

    /** Deletes a folder and everything in it; symbolic links are removed, not followed. */
    private static void deleteTree(Path folder) throws IOException {
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
    }

    /**
     * Removes what no training owns, left by refused requests or a crash: in each training folder
     * without a record, its {@code inputs/} and an empty {@code output/}, then the folder itself if
     * nothing else is left in it. Artifacts ({@code output/} with files in it) are never removed, nor
     * anything whose name is not a training id.
     *
     * @param hasRecord whether a training id has a record
     * @param grace folders modified more recently than this are left (another replica sharing the
     *     folder may be about to insert their record)
     * @return how many training folders were removed, or cleaned
     */
    public int sweep(Predicate<String> hasRecord, Duration grace) {
        if (!Files.isDirectory(root)) {
            return 0;
        }
        Instant before = Instant.now().minus(grace);
        int swept = 0;
        try (DirectoryStream<Path> models = Files.newDirectoryStream(root, Files::isDirectory)) {
            for (Path model : models) {
                try (DirectoryStream<Path> trainings = Files.newDirectoryStream(model, Files::isDirectory)) {
                    for (Path training : trainings) {
                        String uuid = training.getFileName().toString();
                        if (TRAINING_ID.matcher(uuid).matches() && !hasRecord.test(uuid)
                                && Files.getLastModifiedTime(training).toInstant().isBefore(before)
                                && sweepOne(training)) {
                            swept++;
                        }
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot sweep " + root, e);
        }
        return swept;
    }

    private static boolean sweepOne(Path training) throws IOException {
        boolean changed = false;
        Path inputs = training.resolve("inputs");
        if (Files.isDirectory(inputs, LinkOption.NOFOLLOW_LINKS)) {
            deleteTree(inputs);
            changed = true;
        }
        Path output = training.resolve("output");
        if (Files.isDirectory(output, LinkOption.NOFOLLOW_LINKS) && isEmpty(output)) {
            Files.delete(output);
            changed = true;
        }
        if (isEmpty(training)) {
            Files.delete(training);
            changed = true;
        }
        return changed;
    }

    private static boolean isEmpty(Path folder) throws IOException {
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(folder)) {
            return !entries.iterator().hasNext();
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
