package io.jdeepaas.runtime.inference;

import io.jdeepaas.runtime.config.BatchSettings;
import io.jdeepaas.runtime.registry.ModelHandle;
import io.jdeepaas.spi.Tensor;
import java.time.Duration;
import java.util.List;
import java.util.function.Function;

/**
 * Tensor inference (the Open Inference Protocol's {@code infer}). Each request is a job on its
 * model's lane in the {@link PredictionService}: the same workers, queue, timeout, cancellation and
 * metrics as predictions, so predict and infer share one budget per model. A worker that takes an
 * infer request of a batchable model whose {@code max-batch-size} is above 1 stacks the requests
 * queued behind it that fit into one engine call (dynamic batching); a request that finds a free
 * worker and nobody queued runs at once (see {@link ModelLane}).
 *
 * <pre>{@code
 * PendingPrediction<List<Tensor>> pending = inference.inferAsync(model, inputs);
 * pending.result().thenAccept(outputs -> ...);   // or inference.infer(model, inputs) to block
 * }</pre>
 */
public final class InferenceService implements AutoCloseable {

    private final PredictionService predictions;
    private final Function<String, BatchSettings> batching;
    private final boolean ownsPredictions;

    /**
     * @param predictions the per-model lanes, limits and metrics that inference shares with predictions
     * @param batching each model's batching by name
     */
    public InferenceService(PredictionService predictions, Function<String, BatchSettings> batching) {
        this(predictions, batching, false);
    }

    /**
     * A service with lanes of its own: every model with the same limits, and metrics kept in memory.
     *
     * @param workers concurrent calls per model
     * @param queueSize requests waiting per model before 429
     * @param timeout how long a request may take before 504
     * @param batching each model's batching by name
     */
    public InferenceService(int workers, int queueSize, Duration timeout, Function<String, BatchSettings> batching) {
        this(new PredictionService(workers, queueSize, timeout), batching, true);
    }

    private InferenceService(PredictionService predictions, Function<String, BatchSettings> batching, boolean owns) {
        this.predictions = predictions;
        this.batching = batching;
        this.ownsPredictions = owns;
    }

    /**
     * Queues one inference without waiting.
     *
     * @param model a ready model that implements tensor inference
     * @param inputs the checked inputs
     * @return the pending inference: the model's outputs for exactly these inputs, or an
     *     {@link io.jdeepaas.runtime.errors.ApiException} (504 on timeout, 499 when cancelled, the
     *     module's translated failure)
     * @throws io.jdeepaas.runtime.errors.TooManyRequestsException 429 at once when the model's queue is full
     */
    public PendingPrediction<List<Tensor>> inferAsync(ModelHandle model, List<Tensor> inputs) {
        return predictions.enqueue(new TensorJob(model, inputs, in -> model.wrapper().infer(in), batching(model),
                predictions.metrics()));
    }

    /**
     * @param model a model
     * @return how its infer requests are batched: its settings when it is batchable, else off
     */
    public BatchSettings batching(ModelHandle model) {
        return model.module().batchable() ? batching.apply(model.name()) : BatchSettings.OFF;
    }

    /**
     * Runs one inference and waits for it.
     *
     * @return the model's outputs for exactly these inputs
     * @throws io.jdeepaas.runtime.errors.ApiException 429 when the queue is full, 504 on timeout, or
     *     the module's translated failure
     * @throws InterruptedException when the caller is interrupted (its queued request is dropped)
     */
    public List<Tensor> infer(ModelHandle model, List<Tensor> inputs) throws InterruptedException {
        return PredictionService.await(inferAsync(model, inputs));
    }

    /** Closes the lanes when this service made them; shared ones are closed by their owner. */
    @Override
    public void close() {
        if (ownsPredictions) {
            predictions.close();
        }
    }
}
