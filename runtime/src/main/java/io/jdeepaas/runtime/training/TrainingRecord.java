package io.jdeepaas.runtime.training;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;

/**
 * What a user sees of one training. Immutable; every change makes a new record.
 *
 * @param uuid 32 lower-case hex digits
 * @param model the model's name
 * @param experiment the experiment the training belongs to, or {@code null}
 * @param date when the training was requested (DEEPaaS's field; also shown as {@code created})
 * @param args the arguments it was started with (files shown by name, size and content type)
 * @param status where it is
 * @param progress the latest progress and metrics
 * @param result what the module returned, plus {@code duration} in seconds, once done
 * @param message why it ended in error, was cancelled or was interrupted
 * @param started when it began running
 * @param finished when it ended
 * @param retryOf the training this one repeats, or {@code null}
 * @param owner who started it: {@code issuer#subject} for a token, {@code key:name} for an API key,
 *     {@link #ANONYMOUS} for a caller without credentials (every caller when authentication is off)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"uuid", "model", "experiment", "status", "date", "created", "started", "finished", "duration",
    "args", "progress", "result", "message", "retry_of", "owner"})
public record TrainingRecord(String uuid, String model, String experiment, Instant date, Map<String, Object> args,
                             TrainingStatus status, Progress progress, Map<String, Object> result, String message,
                             Instant started, Instant finished, @JsonProperty("retry_of") String retryOf,
                             String owner) {

    /** The owner of trainings started without credentials (and of those stored before owners were kept). */
    public static final String ANONYMOUS = "anonymous";

    /** @return a new queued record */
    public static TrainingRecord queued(String uuid, String model, String experiment, Map<String, Object> args,
                                        String retryOf, String owner) {
        return new TrainingRecord(uuid, model, experiment, now(), args, TrainingStatus.QUEUED, Progress.NONE, null, null,
                null, null, retryOf, owner);
    }

    /** @return the current time at the precision both databases keep (microseconds) */
    public static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MICROS);
    }

    /** @return when the training was requested (the same instant as {@code date}) */
    @JsonProperty("created")
    public Instant created() {
        return date;
    }

    /** @return seconds it ran: until it finished, or until now while it runs; {@code null} before it starts */
    @JsonProperty("duration")
    public Double duration() {
        if (started == null) {
            return null;
        }
        Instant end = finished != null ? finished : Instant.now();
        return Duration.between(started, end).toMillis() / 1000.0;
    }

    @JsonIgnore
    public boolean isFinal() {
        return status.isFinal();
    }

    public TrainingRecord running() {
        return new TrainingRecord(uuid, model, experiment, date, args, TrainingStatus.RUNNING, progress, null, null,
                now(), null, retryOf, owner);
    }

    public TrainingRecord withStatus(TrainingStatus newStatus) {
        return new TrainingRecord(uuid, model, experiment, date, args, newStatus, progress, result, message, started,
                finished, retryOf, owner);
    }

    public TrainingRecord withProgress(Progress newProgress) {
        return new TrainingRecord(uuid, model, experiment, date, args, status, newProgress, result, message, started,
                finished, retryOf, owner);
    }

    /** @return the record of an ended training */
    public TrainingRecord ended(TrainingStatus finalStatus, Map<String, Object> newResult, String newMessage) {
        return new TrainingRecord(uuid, model, experiment, date, args, finalStatus, progress, newResult, newMessage,
                started, now(), retryOf, owner);
    }
}
