package io.jdeepaas.runtime.training;

import java.nio.file.Path;
import java.util.Optional;

/**
 * Where the model folder of a training that ended {@code done} goes: the runtime keeps it as a new
 * version of the model (see {@code versions.VersionService}).
 */
@FunctionalInterface
public interface TrainedModels {

    /** Keeps no version (for runtimes and tests without versions). */
    TrainedModels NONE = (record, modelDir) -> Optional.empty();

    /**
     * @param record the training, about to be recorded {@code done}
     * @param modelDir the folder the module wrote ({@link io.jdeepaas.spi.TrainingContext#modelDir()})
     * @return the id of the new version, or empty when the folder holds nothing
     * @throws RuntimeException when the files cannot be kept; the training then ends in {@code error}
     */
    Optional<String> register(TrainingRecord record, Path modelDir);
}
