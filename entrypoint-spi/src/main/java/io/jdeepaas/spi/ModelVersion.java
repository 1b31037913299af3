package io.jdeepaas.spi;

import java.nio.file.Path;
import java.util.Objects;

/**
 * One version of a model's weights, as the runtime keeps it: an id ({@code "2"}, {@code "3"}, ...,
 * numbered per model) and the read-only folder holding the files a training wrote into
 * {@link TrainingContext#modelDir()}, that a user uploaded, or that the module ships itself
 * ({@link ModelEntryPoint#shippedVersions()}). {@link WarmContext#modelVersion()} names the one to
 * load; a module never copies, renames or tracks versions itself.
 *
 * <pre>{@code
 * public void warm(WarmContext context) throws Exception {
 *     Path weights = context.modelVersion().map(ModelVersion::dir).orElse(shippedWeights());
 *     model = load(weights);
 * }
 * }</pre>
 *
 * @param id the version's id, unique within the model
 * @param dir the folder of its files; do not write into it
 */
public record ModelVersion(String id, Path dir) {

    /**
     * @param id the version's id
     * @param dir the folder of its files
     */
    public ModelVersion {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(dir, "dir");
    }
}
