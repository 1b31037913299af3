package io.jdeepaas.examples.digits;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Where the digits weights live: the shipped file inside the jar, and the served copy of the
 * newest trained weights in the model's data folder (which survives restarts).
 */
final class DigitsWeights {

    /** The file-name prefix of every digits parameter file ({@code digits-0000.params}). */
    static final String PREFIX = "digits";

    /** The shipped weights, a class-path resource next to this class. */
    static final String SHIPPED = "digits-0000.params";

    private static final String SERVED_FOLDER = "served";

    private DigitsWeights() {
    }

    /**
     * Copies the shipped weights out of the jar so DJL can load them from a folder.
     *
     * @param dataDir the model's data folder
     * @return the folder holding the shipped parameter file
     * @throws IOException when the resource is missing or cannot be copied
     */
    static Path extractShipped(Path dataDir) throws IOException {
        Path folder = dataDir.resolve("shipped");
        Files.createDirectories(folder);
        try (InputStream in = DigitsWeights.class.getResourceAsStream(SHIPPED)) {
            if (in == null) {
                throw new IOException("the shipped weights " + SHIPPED + " are missing from the class path");
            }
            Files.copy(in, folder.resolve(SHIPPED), StandardCopyOption.REPLACE_EXISTING);
        }
        return folder;
    }

    /**
     * @param dataDir the model's data folder
     * @return the folder of the newest trained weights, when a training has published some
     */
    static Optional<Path> served(Path dataDir) {
        Path folder = dataDir.resolve(SERVED_FOLDER);
        return Files.isRegularFile(folder.resolve(SHIPPED)) ? Optional.of(folder) : Optional.empty();
    }

    /**
     * Makes a training's weights the ones the next start-up serves. The file is copied beside its
     * destination and then moved over it atomically, so a crash never leaves half a file.
     *
     * @param trainedFolder the training's output folder holding a digits parameter file
     * @param dataDir the model's data folder
     * @throws IOException when copying fails
     */
    static void publish(Path trainedFolder, Path dataDir) throws IOException {
        Path source = newestParams(trainedFolder);
        Path folder = dataDir.resolve(SERVED_FOLDER);
        Files.createDirectories(folder);
        Path temporary = folder.resolve(SHIPPED + ".tmp");
        Files.copy(source, temporary, StandardCopyOption.REPLACE_EXISTING);
        Files.move(temporary, folder.resolve(SHIPPED), StandardCopyOption.ATOMIC_MOVE,
                StandardCopyOption.REPLACE_EXISTING);
    }

    private static Path newestParams(Path folder) throws IOException {
        try (Stream<Path> files = Files.list(folder)) {
            return files.filter(p -> p.getFileName().toString().matches(PREFIX + "-\\d{4}\\.params"))
                    .max(Comparator.comparing(Path::toString))
                    .orElseThrow(() -> new IOException("no " + PREFIX + " parameter file in " + folder));
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }
}
