package io.jdeepaas.runtime.inference;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

/**
 * One queued prediction. It either runs (queued to running to ended) or is dropped while still
 * queued; the clean-up runs exactly once, when the job ends either way.
 */
final class PredictionJob implements Runnable {

    enum State { QUEUED, RUNNING, ENDED, DROPPED }

    private final AtomicReference<State> state = new AtomicReference<>(State.QUEUED);
    private final Supplier<Object> work;
    private final Runnable cleanup;
    private final CompletableFuture<Object> result = new CompletableFuture<>();
    private volatile Thread runner;

    PredictionJob(Supplier<Object> work, Runnable cleanup) {
        this.work = work;
        this.cleanup = cleanup;
    }

    CompletableFuture<Object> result() {
        return result;
    }

    @Override
    public void run() {
        if (!state.compareAndSet(State.QUEUED, State.RUNNING)) {
            return;
        }
        runner = Thread.currentThread();
        try {
            result.complete(work.get());
        } catch (Throwable e) {
            result.completeExceptionally(e);
        } finally {
            runner = null;
            Thread.interrupted();
            state.set(State.ENDED);
            cleanup.run();
        }
    }

    /**
     * Gives up on the job: a queued one is dropped (and cleaned up now), a running one is
     * interrupted and cleans up when it returns.
     */
    void abandon(Throwable reason) {
        if (state.compareAndSet(State.QUEUED, State.DROPPED)) {
            result.completeExceptionally(reason);
            cleanup.run();
            return;
        }
        Thread thread = runner;
        if (thread != null) {
            thread.interrupt();
        }
    }

    State state() {
        return state.get();
    }
}
