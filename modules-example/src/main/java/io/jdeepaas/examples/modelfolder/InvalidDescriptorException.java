package io.jdeepaas.examples.modelfolder;

import java.nio.file.Path;

/** A model folder that cannot be served, with the reason; the provider skips it. */
public class InvalidDescriptorException extends Exception {

    private static final long serialVersionUID = 1L;

    /**
     * @param folder the folder at fault
     * @param reason what is wrong, e.g. {@code no model.json}
     */
    public InvalidDescriptorException(Path folder, String reason) {
        super("model folder " + folder + " skipped: " + reason);
    }
}
