package io.jdeepaas.runtime.inference;

import io.jdeepaas.runtime.config.BatchSettings;
import io.jdeepaas.runtime.registry.ModelHandle;
import io.jdeepaas.spi.Tensor;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * Tensor inference (the Open Inference Protocol's {@code infer}): per model a
 * {@link BatchAggregator} with the prediction pools' workers, queue size and timeout, batching
 * concurrent requests when the model is batchable and its {@code max-batch-size} is above 1.
 */
public final class InferenceService implements AutoCloseable {

    private final int workers;
    private final int queueSize;
    private final Duration timeout;
    private final Function<String, BatchSettings> batching;
    private final Map<String, BatchAggregator> aggregators = new ConcurrentHashMap<>();

    /**
     * @param workers concurrent calls per model
     * @param queueSize requests waiting per model before 429
     * @param timeout how long a request may take before 504
     * @param batching each model's batching by name
     */
    public InferenceService(int workers, int queueSize, Duration timeout, Function<String, BatchSettings> batching) {
        this.workers = workers;
        this.queueSize = queueSize;
        this.timeout = timeout;
        this.batching = batching;
    }

    /**
     * Runs one inference and waits for it.
     *
     * @param model a ready model that implements tensor inference
     * @param inputs the checked inputs
     * @return the model's outputs for exactly these inputs
     * @throws io.jdeepaas.runtime.errors.ApiException 429 when the queue is full, 504 on timeout, or
     *     the module's translated failure
     * @throws InterruptedException when the caller is interrupted (its queued request is dropped)
     */
    public List<Tensor> infer(ModelHandle model, List<Tensor> inputs) throws InterruptedException {
        return aggregators.computeIfAbsent(model.name(), name -> {
            BatchSettings settings = model.module().batchable() ? batching.apply(name) : BatchSettings.OFF;
            return new BatchAggregator(name, model.wrapper()::infer, workers, queueSize, timeout, settings);
        }).infer(inputs);
    }

    @Override
    public void close() {
        aggregators.values().forEach(BatchAggregator::close);
    }
}
