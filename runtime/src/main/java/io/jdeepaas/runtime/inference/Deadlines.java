package io.jdeepaas.runtime.inference;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The deadlines of pending work, checked together every {@value #TICK_MS} ms by one thread: work
 * past its deadline is expired at most a tick late. A per-request timer task would wake the timer
 * thread twice for every request (once when it is scheduled as the earliest, once when it is
 * cancelled), which costs a lightly loaded server more than the request itself; adding and removing
 * a deadline here touches only a concurrent set.
 *
 * <p>Threading: {@link #add} and {@link Deadline#cancel} from any thread; expiries run on the
 * deadlines' own thread and must be quick.
 */
final class Deadlines implements AutoCloseable {

    /** How often deadlines are checked. */
    static final long TICK_MS = 10;

    private final Set<Deadline> pending = ConcurrentHashMap.newKeySet();
    private final ScheduledExecutorService ticker;

    Deadlines(String name) {
        ticker = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        });
        ticker.scheduleWithFixedDelay(this::expire, TICK_MS, TICK_MS, TimeUnit.MILLISECONDS);
    }

    /** One deadline; {@link #cancel} it once the work has ended. */
    final class Deadline {
        private final long atNanos;
        private final Runnable onExpiry;

        private Deadline(long atNanos, Runnable onExpiry) {
            this.atNanos = atNanos;
            this.onExpiry = onExpiry;
        }

        /** Forgets the deadline; its expiry will not run (unless it is running already). */
        void cancel() {
            pending.remove(this);
        }
    }

    /**
     * @param afterNanos how long from now the work may take
     * @param onExpiry what to do once it is late
     * @return the deadline, to cancel when the work ends in time
     */
    Deadline add(long afterNanos, Runnable onExpiry) {
        Deadline deadline = new Deadline(System.nanoTime() + afterNanos, onExpiry);
        pending.add(deadline);
        return deadline;
    }

    private void expire() {
        long now = System.nanoTime();
        for (Deadline deadline : pending) {
            if (now - deadline.atNanos >= 0 && pending.remove(deadline)) {
                try {
                    deadline.onExpiry.run();
                } catch (RuntimeException e) {
                    // one expiry's failure must not stop the others
                }
            }
        }
    }

    @Override
    public void close() {
        ticker.shutdownNow();
        pending.clear();
    }
}
