package io.jdeepaas.runtime.inference;

import io.jdeepaas.runtime.errors.ServiceUnavailableException;
import io.jdeepaas.runtime.metrics.ServingMetrics;
import io.jdeepaas.runtime.registry.ModelHandle;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;

/**
 * One queued piece of work for a model. It either runs (queued to running to ended) or is dropped
 * while still queued; the clean-up runs exactly once, when the job ends either way. While it runs,
 * the model is kept loaded ({@link ModelHandle#tryEnter()}).
 *
 * <p>A job either runs alone ({@link #run()}: the whole work is timed as one execution and may be
 * interrupted when abandoned), or is taken into a batch of tensor jobs ({@link TensorJob}), which
 * claims it ({@link #claim()}) and ends it ({@link #end}) itself.
 *
 * <p>Threading: {@link #run()} is called by a worker; {@link #abandon(Throwable)} by any thread
 * (the timeout timer, a client-disconnect watcher). The result completes once: with the work's
 * outcome, or with the reason it was abandoned, whichever comes first.
 */
sealed class PredictionJob<T> permits TensorJob {

    private volatile Runnable beforeAnswer = () -> { };

    enum State { QUEUED, RUNNING, ENDED, DROPPED }

    private final AtomicReference<State> state = new AtomicReference<>(State.QUEUED);
    final ModelHandle model;
    final ServingMetrics metrics;
    private final Callable<T> work;
    private final Runnable cleanup;
    private final CompletableFuture<T> result = new CompletableFuture<>();
    private final long submittedNanos = System.nanoTime();
    private Thread runner; // guarded by this
    private volatile String version;

    PredictionJob(ModelHandle model, Callable<T> work, Runnable cleanup, ServingMetrics metrics) {
        this.model = model;
        this.work = work;
        this.cleanup = cleanup;
        this.metrics = metrics;
    }

    CompletableFuture<T> result() {
        return result;
    }

    long submittedNanos() {
        return submittedNanos;
    }

    /**
     * @param release run when the work has ended, just before the answer goes out: the lane frees the
     *     job's place there, so a client that sends its next request as soon as it has its answer finds
     *     the place free
     */
    void beforeAnswer(Runnable release) {
        beforeAnswer = release;
    }

    /** Runs the work alone on the calling worker, unless the job was dropped meanwhile. */
    void run() {
        if (!claim()) {
            return;
        }
        long started = System.nanoTime();
        synchronized (this) {
            runner = Thread.currentThread();
        }
        T value = null;
        Throwable failure = null;
        try {
            if (!model.tryEnter()) {
                throw unloaded(model);
            }
            version = model.wrapper().version();
            try {
                value = work.call();
            } finally {
                model.exit();
                metrics.recordExecution(model.name(), System.nanoTime() - started);
            }
        } catch (Throwable e) {
            failure = e;
        } finally {
            synchronized (this) {
                runner = null;
            }
            Thread.interrupted(); // an abandon's interrupt must not reach the worker's next job
        }
        end(value, failure);
    }

    /**
     * Takes the job out of the queue to run it (alone or in a batch) and records its queue time.
     *
     * @return false when it was dropped meanwhile
     */
    boolean claim() {
        if (!state.compareAndSet(State.QUEUED, State.RUNNING)) {
            return false;
        }
        metrics.recordQueue(model.name(), System.nanoTime() - submittedNanos);
        return true;
    }

    /**
     * Ends a claimed job: cleans up, then answers (no upload outlives its request). The answer is
     * ignored when the job was abandoned meanwhile.
     */
    void end(T value, Throwable failure) {
        state.set(State.ENDED);
        cleanup.run();
        beforeAnswer.run();
        if (failure != null) {
            result.completeExceptionally(failure);
        } else {
            result.complete(value);
        }
    }

    /**
     * Gives up on the job, unless it has already been answered: the caller's result fails with
     * {@code reason} now; a queued job is dropped (and cleaned up now), a job running alone is
     * interrupted and cleans up when its work returns. A job in a running batch is not interrupted
     * (the batch carries other callers' rows); its answer is discarded.
     *
     * @return the state the job was in when abandoned, or {@code null} when it was already answered
     */
    State abandon(Throwable reason) {
        if (!result.completeExceptionally(reason)) {
            return null;
        }
        if (state.compareAndSet(State.QUEUED, State.DROPPED)) {
            cleanup.run();
            return State.QUEUED;
        }
        synchronized (this) {
            if (runner != null) {
                runner.interrupt();
            }
        }
        return State.RUNNING;
    }

    /** @return the id of the model version that ran the job, or {@code null} before it ran */
    String version() {
        return version;
    }

    void ranOn(String id) {
        version = id;
    }

    /** @return whether the job still waits in its queue */
    boolean queued() {
        return state.get() == State.QUEUED;
    }

    static ServiceUnavailableException unloaded(ModelHandle model) {
        return new ServiceUnavailableException("model '" + model.name() + "' was unloaded while the request "
                + "waited; retry shortly", 1);
    }
}
