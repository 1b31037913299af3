package io.jdeepaas.spi;

import java.nio.file.Path;
import java.util.Map;

/**
 * A running training's link to the runtime: progress, metrics, logs, cancellation and the folder
 * where its artifacts go. Every method may be called from the training thread at any time.
 *
 * <pre>{@code
 * for (int epoch = 1; epoch <= epochs; epoch++) {
 *     context.throwIfCancelled();
 *     double loss = fitOneEpoch();
 *     context.progress(epoch, epochs);
 *     context.metrics(epoch, Map.of("loss", loss));
 * }
 * }</pre>
 */
public interface TrainingContext {

    /**
     * Reports how far the training is.
     *
     * @param step steps done
     * @param total steps planned
     */
    void progress(long step, long total);

    /**
     * Records named metrics for one step (e.g. {@code loss}, {@code accuracy}).
     *
     * @param step the step they belong to
     * @param metrics values by name
     */
    void metrics(long step, Map<String, Double> metrics);

    /**
     * Records one line of the training's log.
     *
     * @param line free text
     */
    void log(String line);

    /** @return whether a user asked to cancel this training; stop soon when true */
    boolean cancelled();

    /**
     * Throws when the training was cancelled, for use between steps.
     *
     * @throws TrainingCancelledException when {@link #cancelled()} is true
     */
    default void throwIfCancelled() throws TrainingCancelledException {
        if (cancelled()) {
            throw new TrainingCancelledException();
        }
    }

    /**
     * The training's id as users see it (the runtime's UUID), e.g. to tell which training produced
     * the weights a model serves.
     *
     * @return the id; by default the output folder's name
     */
    default String trainingId() {
        return outputDir().getFileName().toString();
    }

    /** @return a folder for this training's artifacts, created by the runtime and kept */
    Path outputDir();

    /**
     * The folder for the model this training produces. Write the weights (and whatever else
     * loading them needs) here; when the training ends {@code done} and the folder is not empty,
     * the runtime keeps its files as a new immutable version of the model (see {@link ModelVersion})
     * and, under the default {@code latest} policy, serves it. Leave it empty to produce no version.
     *
     * <pre>{@code
     * model.save(context.modelDir(), "iris");
     * }</pre>
     *
     * @return the folder, created on first call: by default {@code model/} beside {@link #outputDir()}
     * @throws java.io.UncheckedIOException when it cannot be created
     */
    default Path modelDir() {
        Path dir = outputDir().resolveSibling("model");
        try {
            return java.nio.file.Files.createDirectories(dir);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException("cannot create the model folder " + dir, e);
        }
    }

    /** @return the device the model was warmed on */
    Device device();
}
