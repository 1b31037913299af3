package io.jdeepaas.runtime.training;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.Map;

/**
 * What a user sees of one training. Immutable; every change makes a new record.
 *
 * @param uuid 32 lower-case hex digits
 * @param model the model's name
 * @param date when the training was requested
 * @param args the arguments it was started with (files shown by name and size)
 * @param status where it is
 * @param progress the latest progress and metrics
 * @param result what the module returned, plus {@code duration} in seconds, once done
 * @param message why it ended in error or was interrupted
 * @param started when it began running
 * @param finished when it ended
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record TrainingRecord(String uuid, String model, Instant date, Map<String, Object> args,
                             TrainingStatus status, Progress progress, Map<String, Object> result, String message,
                             Instant started, Instant finished) {

    public static TrainingRecord queued(String uuid, String model, Map<String, Object> args) {
        return new TrainingRecord(uuid, model, Instant.now(), args, TrainingStatus.QUEUED, Progress.NONE, null, null,
                null, null);
    }

    public TrainingRecord running() {
        return new TrainingRecord(uuid, model, date, args, TrainingStatus.RUNNING, progress, null, null,
                Instant.now(), null);
    }

    public TrainingRecord withStatus(TrainingStatus newStatus) {
        return new TrainingRecord(uuid, model, date, args, newStatus, progress, result, message, started, finished);
    }

    public TrainingRecord withProgress(Progress newProgress) {
        return new TrainingRecord(uuid, model, date, args, status, newProgress, result, message, started, finished);
    }

    /** @return the record of an ended training */
    public TrainingRecord ended(TrainingStatus finalStatus, Map<String, Object> newResult, String newMessage) {
        return new TrainingRecord(uuid, model, date, args, finalStatus, progress, newResult, newMessage, started,
                Instant.now());
    }
}
