package io.jdeepaas.runtime.registry;

import io.jdeepaas.spi.ModelVersion;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The version of a model to warm: its id, and the folder of its files, or none for the weights the
 * module ships itself (version {@code 1}).
 *
 * @param id the version's id
 * @param dir its files, or {@code null} for the module's shipped weights
 */
public record VersionToLoad(String id, Path dir) {

    /** The module's shipped weights: version {@code 1}, no folder. */
    public static final VersionToLoad SHIPPED = new VersionToLoad("1", null);

    /** @return what the module is told to load ({@link io.jdeepaas.spi.WarmContext#modelVersion()}) */
    public Optional<ModelVersion> spi() {
        return dir == null ? Optional.empty() : Optional.of(new ModelVersion(id, dir));
    }
}
