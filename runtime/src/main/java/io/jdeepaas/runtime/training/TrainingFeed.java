package io.jdeepaas.runtime.training;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hands the events of trainings to their followers (the event streams), with one thread for all of
 * them: no follower holds a thread while it waits.
 *
 * <p>Per followed training, the feed keeps the stream's head (the cursor of the last event it fanned
 * out). When a training of this process changes ({@link TrainingSignals}), and every second for
 * changes made by other replicas, the feed reads each followed training once from the store, turns
 * what is new into events and gives each to every follower of that training. A new follower is
 * first brought from its own cursor to the head (its first event is the current status, unless its
 * {@code Last-Event-ID} shows it has seen it), then gets the live events. A live stream ends with the
 * final status; the stream of an ended training starts with it. Event names and ids: see {@link
 * TrainingEvent} and {@link EventCursor}.
 *
 * <p>Threading: {@link #follow} and {@link #isComplete} from any thread; followers are called on the
 * feed's thread, one at a time, and must not block (they queue what they are given).
 */
public final class TrainingFeed implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(TrainingFeed.class);
    private static final long POLL_MILLIS = 1000;
    private static final long MIN_READ_INTERVAL_MILLIS = 50;

    private final TrainingStore store;
    private final ScheduledExecutorService thread;
    private final Map<String, Followed> followed = new HashMap<>(); // touched on the feed's thread only
    private final AtomicBoolean readScheduled = new AtomicBoolean();
    private volatile long lastRead;

    /** Receives one training's events. */
    public interface Follower {
        /** Takes the next event; must not block. */
        void event(TrainingEvent event);

        /** The stream has ended: the training reached its final status, is gone, or the feed stopped. */
        void end();
    }

    TrainingFeed(TrainingStore store, TrainingSignals signals) {
        this.store = store;
        this.thread = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "training-events");
            t.setDaemon(true);
            return t;
        });
        signals.addListener(this::changed);
        thread.scheduleWithFixedDelay(this::readAll, POLL_MILLIS, POLL_MILLIS, TimeUnit.MILLISECONDS);
    }

    /**
     * @param uuid a training
     * @param at where a client is
     * @return whether the training has ended and the client has had all its events, so that nothing
     *     more will ever come (also true for a training that is gone)
     */
    public boolean isComplete(String uuid, EventCursor at) {
        Optional<TrainingRecord> record = store.find(uuid);
        return record.isEmpty() || record.get().isFinal()
                && EventBatch.read(store, record.get(), at, Long.MAX_VALUE, Long.MAX_VALUE, false).events().isEmpty();
    }

    /**
     * Starts following a training.
     *
     * @param uuid the training
     * @param from where the follower is ({@link EventCursor#START} for a new one)
     * @param follower who receives the events
     * @return what stops following (call it when the follower goes away; it is then not ended)
     */
    public Runnable follow(String uuid, EventCursor from, Follower follower) {
        Subscriber subscriber = new Subscriber(follower, from);
        try {
            thread.execute(() -> join(uuid, subscriber));
        } catch (RejectedExecutionException e) {
            follower.end();
            return () -> { };
        }
        return () -> {
            try {
                thread.execute(() -> leave(uuid, subscriber));
            } catch (RejectedExecutionException e) {
                // the feed has stopped and ended every follower
            }
        };
    }

    /** A training changed: read the followed ones soon, at most every 50 ms. */
    private void changed() {
        if (readScheduled.compareAndSet(false, true)) {
            long wait = Math.max(0, MIN_READ_INTERVAL_MILLIS - (System.nanoTime() - lastRead) / 1_000_000L);
            try {
                thread.schedule(() -> {
                    readScheduled.set(false);
                    readAll();
                }, wait, TimeUnit.MILLISECONDS);
            } catch (RejectedExecutionException e) {
                readScheduled.set(false);
            }
        }
    }

    private void readAll() {
        lastRead = System.nanoTime();
        for (Followed training : new ArrayList<>(followed.values())) {
            training.advance();
            if (training.ended) {
                training.subscribers.forEach(Subscriber::end);
                followed.remove(training.uuid);
            }
        }
    }

    private void join(String uuid, Subscriber subscriber) {
        try {
            Followed training = followed.get(uuid);
            if (training == null) {
                Optional<TrainingRecord> found = store.find(uuid);
                if (found.isEmpty() || found.get().isFinal()) { // an ended training: its history, then the end
                    found.ifPresent(r -> EventBatch.read(store, r, subscriber.from, Long.MAX_VALUE, Long.MAX_VALUE,
                            false).events().forEach(subscriber::send));
                    subscriber.end();
                    return;
                }
                training = new Followed(uuid);
                training.advance();
                followed.put(uuid, training);
            }
            if (training.record != null) {
                EventBatch.read(store, training.record, subscriber.from, training.head.metricSeq(),
                        training.head.logSeq(), false).events().forEach(subscriber::send);
            }
            if (training.ended || training.record == null) {
                subscriber.end();
            } else {
                training.subscribers.add(subscriber);
            }
        } catch (RuntimeException e) { // the store cannot be read now: the client reconnects later
            LOG.warn("training={} events cannot be read: {}", uuid, e.getMessage());
            subscriber.end();
        }
    }

    private void leave(String uuid, Subscriber subscriber) {
        Followed training = followed.get(uuid);
        if (training != null) {
            training.subscribers.remove(subscriber);
            if (training.subscribers.isEmpty()) {
                followed.remove(uuid);
            }
        }
    }

    /** Ends every follower and stops the feed's thread. */
    @Override
    public void close() {
        try {
            thread.execute(() -> {
                followed.values().forEach(t -> t.subscribers.forEach(Subscriber::end));
                followed.clear();
            });
        } catch (RejectedExecutionException e) {
            return;
        }
        thread.shutdown();
        try {
            thread.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        thread.shutdownNow();
    }

    /** One followed training: the head of its stream and its followers. */
    private final class Followed {
        private final String uuid;
        private final List<Subscriber> subscribers = new ArrayList<>();
        private EventCursor head = EventCursor.START;
        private TrainingRecord record;
        private boolean ended;

        private Followed(String uuid) {
            this.uuid = uuid;
        }

        /** Reads what is new and gives it to every follower. */
        private void advance() {
            try {
                Optional<TrainingRecord> found = store.find(uuid);
                if (found.isEmpty()) {
                    ended = true;
                    return;
                }
                EventBatch batch = EventBatch.read(store, found.get(), head, Long.MAX_VALUE, Long.MAX_VALUE, true);
                record = found.get();
                head = batch.end();
                for (TrainingEvent event : batch.events()) {
                    subscribers.forEach(s -> s.send(event));
                }
                ended = record.isFinal();
            } catch (RuntimeException e) {
                LOG.warn("training={} events cannot be read now: {}", uuid, e.getMessage());
            }
        }
    }

    /** One follower, with where it started. */
    private static final class Subscriber {
        private final Follower follower;
        private final EventCursor from;

        private Subscriber(Follower follower, EventCursor from) {
            this.follower = follower;
            this.from = from;
        }

        private void send(TrainingEvent event) {
            try {
                follower.event(event);
            } catch (RuntimeException e) {
                LOG.warn("an event follower failed: {}", e.toString());
            }
        }

        private void end() {
            try {
                follower.end();
            } catch (RuntimeException e) {
                LOG.warn("an event follower failed: {}", e.toString());
            }
        }
    }
}
