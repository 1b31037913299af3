package io.jdeepaas.runtime.training;

import io.jdeepaas.runtime.registry.ModelHandle;

/**
 * Runs a module's {@code train} for one claimed training, on the calling (worker) thread: on that
 * thread itself ({@code --train-isolation thread}) or in a child JVM it supervises
 * ({@code --train-isolation process}). Either way the module reports through the same
 * {@link RunningTraining}, so records, metrics and logs are stored the same way.
 */
@FunctionalInterface
public interface TrainingRunner {

    /**
     * @param model the model, ready in this process
     * @param training the training: its arguments, folders and context
     * @return what the module's {@code train} returned (JSON-able)
     * @throws Exception what it threw; {@link io.jdeepaas.spi.TrainingCancelledException} when it stopped
     *     because it was cancelled, {@link InterruptedException} when the runtime is stopping
     */
    Object train(ModelHandle model, RunningTraining training) throws Exception;
}
