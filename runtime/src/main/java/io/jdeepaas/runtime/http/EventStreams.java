package io.jdeepaas.runtime.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.jdeepaas.runtime.errors.TooManyRequestsException;
import io.jdeepaas.runtime.training.TrainingEvent;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The open event streams of this server: their caps ({@code --max-event-streams} in all, {@code
 * --max-event-streams-per-training} per training; beyond either a new stream is refused with 429),
 * the {@code : keep-alive} comment that one thread writes to every stream each interval (which also
 * finds clients that have gone: their write fails and frees the stream), and the frames of events.
 *
 * <p>Threading: any thread.
 */
final class EventStreams implements AutoCloseable {

    private static final byte[] KEEP_ALIVE = ": keep-alive\n\n".getBytes(StandardCharsets.UTF_8);
    private static final int RETRY_AFTER_SECONDS = 10;

    private final ObjectMapper json;
    private final int maxStreams;
    private final int maxPerTraining;
    private final Set<EventStreamConnection> open = ConcurrentHashMap.newKeySet();
    private final Map<String, Integer> perTraining = new HashMap<>(); // guarded by this
    private int total; // guarded by this
    private final ScheduledExecutorService keepAlive;
    private TrainingEvent lastEvent; // guarded by this: events fan out to many streams, framed once
    private byte[] lastFrame; // guarded by this

    /**
     * @param json writes event data
     * @param maxStreams streams open at once on this server
     * @param maxPerTraining streams open at once on one training
     * @param keepAliveEvery how often every stream gets a comment
     */
    EventStreams(ObjectMapper json, int maxStreams, int maxPerTraining, Duration keepAliveEvery) {
        this.json = json;
        this.maxStreams = maxStreams;
        this.maxPerTraining = maxPerTraining;
        this.keepAlive = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "event-stream-keep-alive");
            t.setDaemon(true);
            return t;
        });
        long millis = keepAliveEvery.toMillis();
        keepAlive.scheduleWithFixedDelay(() -> open.forEach(s -> s.send(KEEP_ALIVE)), millis, millis,
                TimeUnit.MILLISECONDS);
    }

    /**
     * Takes a place for one more stream of a training.
     *
     * @throws TooManyRequestsException when the server or the training already holds its maximum
     */
    synchronized void reserve(String uuid) {
        if (total >= maxStreams) {
            throw new TooManyRequestsException("the server already holds " + total + " open event streams, its maximum"
                    + " (--max-event-streams " + maxStreams + "); retry later, or poll the training record instead",
                    RETRY_AFTER_SECONDS);
        }
        int own = perTraining.getOrDefault(uuid, 0);
        if (own >= maxPerTraining) {
            throw new TooManyRequestsException("training '" + uuid + "' already has " + own + " open event streams, its"
                    + " maximum (--max-event-streams-per-training " + maxPerTraining + "); retry later, or poll the"
                    + " training record instead", RETRY_AFTER_SECONDS);
        }
        total++;
        perTraining.put(uuid, own + 1);
    }

    /** Gives back a place taken by {@link #reserve}. */
    synchronized void release(String uuid) {
        total--;
        perTraining.computeIfPresent(uuid, (k, n) -> n > 1 ? n - 1 : null);
    }

    /** Adds a stream to those the keep-alive writes to. */
    void add(EventStreamConnection stream) {
        open.add(stream);
    }

    /** Removes a stream that has ended. */
    void remove(EventStreamConnection stream) {
        open.remove(stream);
    }

    /** @return how many streams are open now */
    synchronized int count() {
        return total;
    }

    /** @return the bytes of an event: {@code id:}, {@code event:} and one {@code data:} line of JSON */
    synchronized byte[] frame(TrainingEvent event) {
        if (event != lastEvent) {
            String data;
            try {
                data = json.writeValueAsString(event.data());
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("an event cannot be written as JSON", e);
            }
            lastFrame = ("id: " + event.id() + "\nevent: " + event.name() + "\ndata: " + data + "\n\n")
                    .getBytes(StandardCharsets.UTF_8);
            lastEvent = event;
        }
        return lastFrame;
    }

    /** Ends every open stream and stops the keep-alive. */
    @Override
    public void close() {
        keepAlive.shutdownNow();
        open.forEach(EventStreamConnection::end);
    }
}
