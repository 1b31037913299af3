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
 * <p>Threading: {@link #run()} is called by a worker; {@link #abandon(Throwable)} by any thread
 * (the timeout timer, a client-disconnect watcher). The result completes once: with the work's
 * outcome, or with the reason it was abandoned, whichever comes first.
 */
final class PredictionJob<T> implements Runnable {

    enum State { QUEUED, RUNNING, ENDED, DROPPED }

    private final AtomicReference<State> state = new AtomicReference<>(State.QUEUED);
    private final ModelHandle model;
    private final Callable<T> work;
    private final Runnable cleanup;
    private final ServingMetrics metrics;
    private final CompletableFuture<T> result = new CompletableFuture<>();
    private final long submittedNanos = System.nanoTime();
    private Thread runner; // guarded by this

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

    @Override
    public void run() {
        if (!state.compareAndSet(State.QUEUED, State.RUNNING)) {
            return;
        }
        long started = System.nanoTime();
        metrics.recordQueue(model.name(), started - submittedNanos);
        synchronized (this) {
            runner = Thread.currentThread();
        }
        T value = null;
        Throwable failure = null;
        try {
            if (!model.tryEnter()) {
                throw new ServiceUnavailableException("model '" + model.name() + "' was unloaded while the request "
                        + "waited; retry shortly", 1);
            }
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
            state.set(State.ENDED);
            cleanup.run(); // before the answer: no upload outlives its request
        }
        if (failure != null) {
            result.completeExceptionally(failure);
        } else {
            result.complete(value);
        }
    }

    /**
     * Gives up on the job, unless it has already been answered: the caller's result fails with
     * {@code reason} now; a queued job is dropped (and cleaned up now), a running one is interrupted
     * and cleans up when its work returns.
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

    State state() {
        return state.get();
    }
}
