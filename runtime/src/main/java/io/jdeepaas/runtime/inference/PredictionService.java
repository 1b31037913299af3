package io.jdeepaas.runtime.inference;

import io.jdeepaas.runtime.config.PredictionLimits;
import io.jdeepaas.runtime.errors.ApiException;
import io.jdeepaas.runtime.errors.Failures;
import io.jdeepaas.runtime.errors.ClientClosedRequestException;
import io.jdeepaas.runtime.errors.GatewayTimeoutException;
import io.jdeepaas.runtime.errors.ModuleFailureException;
import io.jdeepaas.runtime.errors.TooManyRequestsException;
import io.jdeepaas.runtime.metrics.ServingMetrics;
import io.jdeepaas.runtime.registry.ModelHandle;
import io.jdeepaas.spi.PredictRequest;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.function.Function;

/**
 * Runs work for models on a bounded lane per model ({@link ModelLane}): {@code workers} at once,
 * {@code queue-size} waiting, and beyond that 429 at once. Predictions and tensor inferences
 * ({@link InferenceService}) queue on the same lane, so a model's limits bound both together. Work not answered within the model's timeout is answered
 * 504: dropped if still queued, interrupted if running. A caller that goes away cancels its work
 * the same way. Queue time, execution time and outcomes go to {@link ServingMetrics}.
 *
 * <pre>{@code
 * PendingPrediction<Object> pending = predictions.submit(model, () -> model.wrapper().predict(request), cleanup);
 * pending.result().thenAccept(answer -> ...);   // or predictions.predict(...) to block
 * }</pre>
 */
public final class PredictionService implements AutoCloseable {

    private final Function<String, PredictionLimits> limits;
    private final ServingMetrics metrics;
    private final Map<String, ModelLane> lanes = new ConcurrentHashMap<>();
    private final Deadlines deadlines = new Deadlines("predict-timeouts");

    /** Every model with the same limits, and metrics kept in memory. */
    public PredictionService(int workers, int queueSize, Duration timeout) {
        this(model -> new PredictionLimits(workers, queueSize, timeout), ServingMetrics.inMemory());
    }

    /**
     * @param limits each model's workers, queue size and timeout
     * @param metrics where queue time, execution time and outcomes are recorded
     */
    public PredictionService(Function<String, PredictionLimits> limits, ServingMetrics metrics) {
        this.limits = limits;
        this.metrics = metrics;
    }

    /** @return where this service records queue time, execution time and outcomes */
    ServingMetrics metrics() {
        return metrics;
    }

    /** @return the limits a model's predictions run under */
    public PredictionLimits limits(String model) {
        return limits.apply(model);
    }

    /**
     * Runs one prediction and waits for it (the calling thread blocks).
     *
     * @param model a ready model
     * @param request the validated request
     * @param cleanup run once when the work has ended or was dropped (e.g. deleting uploads)
     * @return what the module returned
     * @throws ApiException 429 when the queue is full, 504 on timeout, or the module's translated failure
     * @throws InterruptedException when the caller was interrupted; its work is then cancelled
     */
    public Object predict(ModelHandle model, PredictRequest request, Runnable cleanup) throws InterruptedException {
        return await(predictAsync(model, request, cleanup));
    }

    /**
     * Queues one prediction without waiting: the same pool, limits and metrics as {@link #predict}.
     *
     * @throws TooManyRequestsException 429 at once when the model's queue is full
     */
    public PendingPrediction<Object> predictAsync(ModelHandle model, PredictRequest request, Runnable cleanup) {
        return submit(model, () -> model.wrapper().predict(request), cleanup);
    }

    /**
     * Queues any work that calls a model on its own (tensor inference, which may be batched, goes
     * through {@link InferenceService}), under the model's lane, limits and metrics. The work should
     * call the module through its {@code ModelWrapper}, so that failures are translated.
     *
     * @param model the model the work uses; it is kept loaded while the work runs
     * @param work what to run on a worker
     * @param cleanup run once when the work has ended or was dropped
     * @return the pending work
     * @throws TooManyRequestsException 429 at once when the model's queue is full (the clean-up has then run)
     */
    public <T> PendingPrediction<T> submit(ModelHandle model, Callable<T> work, Runnable cleanup) {
        return enqueue(new PredictionJob<>(model, work, cleanup, metrics));
    }

    /**
     * Queues a job on its model's lane (or, for a cheap model with a free place and nobody queued,
     * runs it on the calling thread before returning), starts its deadline and records its outcome
     * once answered.
     *
     * @throws TooManyRequestsException 429 at once when the model's queue is full (the job's clean-up has then run)
     */
    <T> PendingPrediction<T> enqueue(PredictionJob<T> job) {
        String name = job.model.name();
        PredictionLimits own = limits.apply(name);
        ModelLane lane = lane(name, own);
        boolean here = lane.tryRunHere(job);
        if (!here && !lane.offer(job)) {
            job.abandon(new TooManyRequestsException("model '" + name + "' is busy", 1)); // drops it, cleans up
            metrics.recordRejection(name, "queue_full");
            metrics.recordInference(name, false, System.nanoTime() - job.submittedNanos());
            throw new TooManyRequestsException("model '" + name + "' is busy: " + own.workers() + " running and "
                    + own.queueSize() + " waiting; retry shortly", 1);
        }
        Deadlines.Deadline deadline = deadlines.add(own.timeout().toNanos(), () -> {
            GatewayTimeoutException timedOut = new GatewayTimeoutException("model '" + name
                    + "' did not answer within " + own.timeout().toMillis() + " ms");
            if (abandon(lane, job, timedOut) != null) {
                metrics.recordRejection(name, "timeout");
            }
        });
        CompletableFuture<T> answered = job.result().whenComplete((value, error) -> {
            deadline.cancel();
            metrics.recordInference(name, error == null, System.nanoTime() - job.submittedNanos());
        });
        PendingPrediction<T> pending = new PendingPrediction<>(answered, () -> {
            if (abandon(lane, job, new ClientClosedRequestException("the client went away")) != null) {
                metrics.recordRejection(name, "client_gone");
            }
        }, job::version);
        if (here) {
            lane.runHere(job); // a cheap model with a free place: answered before this returns
        }
        return pending;
    }

    private static PredictionJob.State abandon(ModelLane lane, PredictionJob<?> job, Throwable reason) {
        PredictionJob.State was = job.abandon(reason);
        if (was == PredictionJob.State.QUEUED) {
            lane.remove(job); // frees its place in the queue now
        }
        return was;
    }

    /**
     * Waits for pending work; the timeout is the service's, so this wait needs none.
     *
     * @throws ApiException the work's failure, translated
     */
    public static <T> T await(PendingPrediction<T> pending) throws InterruptedException {
        try {
            return pending.result().get();
        } catch (InterruptedException e) {
            pending.cancel();
            throw e;
        } catch (ExecutionException e) {
            throw Failures.translate(e.getCause());
        }
    }

    /** @return requests waiting for a worker of this model */
    public int queued(String model) {
        ModelLane lane = lanes.get(model);
        return lane == null ? 0 : lane.queued();
    }

    private ModelLane lane(String model, PredictionLimits own) {
        return lanes.computeIfAbsent(model, name -> {
            ModelLane lane = new ModelLane(name, own);
            metrics.watchPool(name, lane::queued, lane::active);
            return lane;
        });
    }

    @Override
    public void close() {
        deadlines.close();
        lanes.values().forEach(ModelLane::close);
    }
}
