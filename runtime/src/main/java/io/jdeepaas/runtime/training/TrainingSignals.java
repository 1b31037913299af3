package io.jdeepaas.runtime.training;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Wakes whoever follows trainings (the event feed, a cancel waiting for its training) when a
 * training of this process changes, so they need not poll the store quickly. Changes made by other replicas are seen at the next timeout.
 */
public final class TrainingSignals {

    private final List<Runnable> listeners = new CopyOnWriteArrayList<>();
    private long version;

    /** Tells every waiter and listener that something changed. */
    public void signal() {
        synchronized (this) {
            version++;
            notifyAll();
        }
        listeners.forEach(Runnable::run);
    }

    /** Adds a listener called on the signalling thread after each change; it must return at once. */
    public void addListener(Runnable listener) {
        listeners.add(listener);
    }

    /** @return the current version, to pass to {@link #await} */
    public synchronized long version() {
        return version;
    }

    /** Waits until a change after {@code seen}, or until the time is up. */
    public synchronized void await(long seen, long millis) throws InterruptedException {
        long deadline = System.nanoTime() + millis * 1_000_000L;
        long remaining = millis;
        while (version == seen && remaining > 0) {
            wait(remaining);
            remaining = (deadline - System.nanoTime()) / 1_000_000L;
        }
    }
}
