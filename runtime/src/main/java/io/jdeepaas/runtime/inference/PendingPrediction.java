package io.jdeepaas.runtime.inference;

import java.util.concurrent.CompletableFuture;

/**
 * Work submitted to a model's pool: its result, and a way to give up on it.
 *
 * @param <T> what the work returns
 */
public final class PendingPrediction<T> {

    private final CompletableFuture<T> result;
    private final Runnable cancel;
    private final java.util.function.Supplier<String> version;

    PendingPrediction(CompletableFuture<T> result, Runnable cancel, java.util.function.Supplier<String> version) {
        this.result = result;
        this.cancel = cancel;
        this.version = version;
    }

    /** @return the id of the model version that ran the work, once it has run (else {@code null}) */
    public String version() {
        return version.get();
    }

    /**
     * @return completes with the work's value, or fails with an {@link io.jdeepaas.runtime.errors.ApiException}:
     *     the module's translated failure, 504 on timeout, 499 when cancelled, 503 when the model was unloaded
     *     while the work waited
     */
    public CompletableFuture<T> result() {
        return result;
    }

    /**
     * Gives up because the client went away: queued work is dropped (a tensor request taken into a
     * batch whose engine call has not started is left out of it), running predictions are interrupted (they stop if
     * the module honours interruption). Does nothing once answered.
     */
    public void cancel() {
        cancel.run();
    }
}
