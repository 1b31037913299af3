package io.jdeepaas.runtime.training;

/**
 * Wakes whoever follows trainings (the event streams) when a training of this process changes, so
 * they need not poll the store quickly. Changes made by other replicas are seen at the next timeout.
 */
public final class TrainingSignals {

    private long version;

    /** Tells every waiter that something changed. */
    public synchronized void signal() {
        version++;
        notifyAll();
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
