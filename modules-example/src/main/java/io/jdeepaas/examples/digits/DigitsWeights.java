package io.jdeepaas.examples.digits;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Where the shipped digits weights live: a file inside the jar, copied into the model's data folder
 * for DJL to load (trained weights are model versions the runtime keeps).
 */
final class DigitsWeights {

    /** The file-name prefix of every digits parameter file ({@code digits-0000.params}). */
    static final String PREFIX = "digits";

    /** The shipped weights, a class-path resource next to this class. */
    static final String SHIPPED = "digits-0000.params";

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

}
