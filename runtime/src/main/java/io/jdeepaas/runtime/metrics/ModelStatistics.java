package io.jdeepaas.runtime.metrics;

/**
 * One model's inference statistics since start-up, as Triton's statistics extension reports them.
 *
 * @param model the model's name
 * @param lastInference when the last inference ended, in milliseconds since the epoch, 0 if never
 * @param inferenceCount inferences answered successfully (requests; with batching, each request counts)
 * @param executionCount calls into the module (with batching, one per batch)
 * @param success requests answered successfully: count and total nanoseconds from arrival to answer
 * @param fail requests that failed (module failure, timeout, queue full, client gone)
 * @param queue time spent waiting for a worker
 * @param computeInfer time spent in the module
 */
public record ModelStatistics(String model, long lastInference, long inferenceCount, long executionCount,
                              Duration success, Duration fail, Duration queue, Duration computeInfer) {

    /**
     * A count of events and their summed duration.
     *
     * @param count how many
     * @param ns their total duration in nanoseconds
     */
    public record Duration(long count, long ns) {
    }
}
