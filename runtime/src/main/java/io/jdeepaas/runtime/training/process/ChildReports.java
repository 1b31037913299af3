package io.jdeepaas.runtime.training.process;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.jdeepaas.runtime.training.RunningTraining;
import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads what the child reports, in order, on its own thread, and hands it to the training (whose
 * {@code TrainingReports} save it in batches) until the final message or the end of the channel.
 * Used by {@link ProcessTrainingRunner}, one per child JVM.
 */
final class ChildReports {

    /** How long a drain waits for the next message of a child that has ended before giving up. */
    private static final long IDLE_NANOS = Duration.ofSeconds(30).toNanos();

    private static final Logger LOG = LoggerFactory.getLogger(ChildReports.class);
    private static final TypeReference<Map<String, Double>> METRICS = new TypeReference<>() {
    };

    private final WorkerChannel channel;
    private final ObjectMapper json;
    private final RunningTraining training;
    private final Thread thread;
    private final AtomicReference<JsonNode> outcome = new AtomicReference<>();
    private volatile long lastRead = System.nanoTime();
    private boolean storeFailed;

    ChildReports(WorkerChannel channel, RunningTraining training, ObjectMapper json) {
        this.channel = channel;
        this.training = training;
        this.json = json;
        this.thread = new Thread(this::read, "training-io-" + training.trainingId());
        this.thread.setDaemon(true);
    }

    void start() {
        thread.start();
    }

    /** @return the child's final message ({@code result} or {@code failed}), or null before it */
    JsonNode outcome() {
        return outcome.get();
    }

    /**
     * Waits until every message the child sent has been read: the end of the channel (the child's
     * socket closes when it ends, however it ends) or its final message. Gives up only when nothing
     * arrives for {@link #IDLE_NANOS}, or when the runtime stops.
     */
    void drain() {
        while (thread.isAlive() && !training.ended() && System.nanoTime() - lastRead < IDLE_NANOS) {
            ProcessTrainingRunner.pause(() -> thread.join(ProcessTrainingRunner.TICK_MILLIS));
        }
        if (thread.isAlive()) {
            LOG.warn("training={} its process ended but its channel did not; stopped reading it",
                    training.trainingId());
            channel.close();
        }
    }

    private void read() {
        try {
            for (JsonNode message = channel.read(); message != null; message = channel.read()) {
                lastRead = System.nanoTime();
                String type = message.path("type").asText();
                if (type.equals("result") || type.equals("failed")) {
                    outcome.set(message);
                    return;
                }
                handOn(type, message);
            }
        } catch (IOException e) {
            // the channel ended: the child is gone; the supervisor reads its exit code
        }
    }

    private void handOn(String type, JsonNode message) {
        try {
            switch (type) {
                case "progress" -> training.progress(message.path("step").asLong(), message.path("total").asLong());
                case "metrics" -> training.metrics(message.path("step").asLong(),
                        json.convertValue(message.path("metrics"), METRICS));
                case "log" -> training.log(message.path("line").asText());
                default -> LOG.warn("training={} unknown message from its process: {}", training.trainingId(),
                        message);
            }
        } catch (RuntimeException e) {
            // the report is kept by the training and saved with a later one; say so once
            if (!storeFailed) {
                storeFailed = true;
                LOG.warn("training={} cannot store what its process reported yet: {}", training.trainingId(),
                        e.getMessage());
            }
        }
    }
}
