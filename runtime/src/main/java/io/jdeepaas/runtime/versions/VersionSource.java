package io.jdeepaas.runtime.versions;

import java.util.Locale;

/** Where a version came from. */
public enum VersionSource {
    /**
     * The weights the module ships itself: version {@code 1} of every model, or each of its
     * {@link io.jdeepaas.spi.ModelEntryPoint#shippedVersions()} (a model store's numbered subfolders).
     */
    MODULE,
    /** The model folder of a training that ended {@code done}. */
    TRAINING,
    /** Files a user uploaded. */
    UPLOAD;

    /** @return the name shown and stored, e.g. {@code training} */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** @return the source with that label */
    static VersionSource of(String label) {
        return valueOf(label.toUpperCase(Locale.ROOT));
    }
}
