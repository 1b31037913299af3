package io.jdeepaas.runtime.training;

import io.jdeepaas.spi.TrainingContext;
import java.nio.file.Path;
import java.util.Map;

/**
 * A claimed training as a {@link TrainingRunner} sees it: the module's {@link TrainingContext} (what
 * is reported through it is stored at once) plus what is needed to run it elsewhere.
 */
public interface RunningTraining extends TrainingContext {

    /** @return the model's name */
    String model();

    /** @return the arguments as stored (see {@link TrainingArguments#keep}) */
    Map<String, Object> args();

    /** @return the folder holding the copies of its uploaded files */
    Path inputDir();

    /**
     * @return the training's own folder ({@code <data-dir>/trainings/<model>/<uuid>/}), which holds
     *     {@code output/} and {@code inputs/} and, for a crashed child JVM, its crash report
     */
    Path folder();

    /** @return whether the record has already ended (e.g. the runtime is stopping); the run should stop */
    boolean ended();
}
