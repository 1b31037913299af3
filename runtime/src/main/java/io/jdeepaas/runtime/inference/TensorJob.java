package io.jdeepaas.runtime.inference;

import io.jdeepaas.runtime.config.BatchSettings;
import io.jdeepaas.runtime.errors.ApiException;
import io.jdeepaas.runtime.metrics.ServingMetrics;
import io.jdeepaas.runtime.registry.ModelHandle;
import io.jdeepaas.spi.Tensor;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * One tensor inference request queued on its model's {@link ModelLane}. A worker that takes it may
 * stack later tensor jobs with it ({@link #joins}) and {@link #runBatch runs them} as one engine call,
 * handing each caller exactly its own rows of every output. Every engine call is recorded as one
 * execution and one batch size (the requests it carried).
 *
 * <p>Rows of a job abandoned before its batch's engine call (timeout, client gone) are left out of
 * that call. An engine call that has started is not interrupted: the caller's answer is discarded. A
 * batch that fails with a 4xx is rerun request by request, so one bad request fails alone.
 */
final class TensorJob extends PredictionJob<List<Tensor>> {

    private final List<Tensor> inputs;
    private final long rows;
    private final BatchSettings batching;
    private final Function<List<Tensor>, List<Tensor>> engine;

    /**
     * @param engine calls the model (through its wrapper, which translates failures)
     * @param batching the model's batch size and delay; size 1 runs every request alone
     */
    TensorJob(ModelHandle model, List<Tensor> inputs, Function<List<Tensor>, List<Tensor>> engine,
              BatchSettings batching, ServingMetrics metrics) {
        super(model, () -> engine.apply(inputs), () -> { }, metrics);
        this.inputs = inputs;
        this.rows = TensorBatches.rows(inputs);
        this.batching = batching;
        this.engine = engine;
    }

    /** @return whether a worker that takes this job should gather others into its batch */
    boolean leads() {
        return batching.enabled() && rows > 0;
    }

    long rows() {
        return rows;
    }

    BatchSettings batching() {
        return batching;
    }

    /** @return whether {@code next} may join a batch led by this job that already has {@code batchRows} rows */
    boolean joins(PredictionJob<?> next, long batchRows) {
        return next instanceof TensorJob other && other.rows > 0 && batchRows + other.rows <= batching.maxBatchSize()
                && TensorBatches.stackable(inputs, other.inputs);
    }

    /**
     * Runs gathered jobs of one model on the calling worker: claims them, keeps the model loaded,
     * makes as few engine calls as it can and ends every job it claimed.
     */
    static void runBatch(List<TensorJob> gathered) {
        List<TensorJob> claimed = new ArrayList<>(gathered.size());
        for (TensorJob job : gathered) {
            if (job.claim()) {
                claimed.add(job);
            }
        }
        if (claimed.isEmpty()) {
            return;
        }
        ModelHandle model = claimed.get(0).model;
        List<Runnable> answers = new ArrayList<>(claimed.size());
        if (!model.tryEnter()) {
            ApiException unloaded = unloaded(model);
            claimed.forEach(job -> job.end(null, unloaded));
            return;
        }
        String version = model.wrapper().version();
        claimed.forEach(job -> job.ranOn(version));
        try {
            call(claimed, answers);
        } finally {
            model.exit();
            Thread.interrupted(); // batches are not interrupted; nothing may reach the worker's next job
        }
        answers.forEach(Runnable::run);
    }

    /** Calls the engine for the jobs still waiting for an answer; queues each job's ending in {@code answers}. */
    private static void call(List<TensorJob> claimed, List<Runnable> answers) {
        List<TensorJob> live = new ArrayList<>(claimed.size());
        for (TensorJob job : claimed) {
            if (job.result().isDone()) {
                answers.add(() -> job.end(null, null)); // abandoned before its batch started: no rows in it
            } else {
                live.add(job);
            }
        }
        if (live.size() == 1) {
            callAlone(live.get(0), answers);
            return;
        }
        if (live.isEmpty()) {
            return;
        }
        TensorJob first = live.get(0);
        List<Tensor> outputs;
        try {
            outputs = first.timed(TensorBatches.stack(live.stream().map(j -> j.inputs).toList()), live.size());
        } catch (ApiException e) {
            if (e.status() < 500) {
                live.forEach(job -> callAlone(job, answers));
            } else {
                live.forEach(job -> answers.add(() -> job.end(null, e)));
            }
            return;
        } catch (RuntimeException | Error e) {
            live.forEach(job -> answers.add(() -> job.end(null, e)));
            return;
        }
        try {
            List<List<Tensor>> split = TensorBatches.split(outputs, live.stream().mapToLong(j -> j.rows).toArray(),
                    first.model.name());
            for (int i = 0; i < live.size(); i++) {
                TensorJob job = live.get(i);
                List<Tensor> own = split.get(i);
                answers.add(() -> job.end(own, null));
            }
        } catch (RuntimeException e) {
            live.forEach(job -> answers.add(() -> job.end(null, e)));
        }
    }

    private static void callAlone(TensorJob job, List<Runnable> answers) {
        if (job.result().isDone()) {
            answers.add(() -> job.end(null, null));
            return;
        }
        try {
            List<Tensor> outputs = job.timed(job.inputs, 1);
            answers.add(() -> job.end(outputs, null));
        } catch (RuntimeException | Error e) {
            answers.add(() -> job.end(null, e));
        }
    }

    /** One engine call, recorded as one execution of {@code requests} requests. */
    private List<Tensor> timed(List<Tensor> stacked, int requests) {
        long started = System.nanoTime();
        try {
            return engine.apply(stacked);
        } finally {
            metrics.recordExecution(model.name(), System.nanoTime() - started);
            metrics.recordBatch(model.name(), requests);
        }
    }
}
