package io.jdeepaas.runtime.training;

import io.jdeepaas.runtime.errors.BadRequestException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How far a client has read a training's event stream; also the id of every event, which is the
 * cursor just after it. The id says everything the event stream has told: the last metric value and
 * log line sent (their sequence numbers), the progress and the status. Each event moves at least one
 * of them, so consecutive events never share an id, and a client that reconnects with {@code
 * Last-Event-ID} is sent exactly what it has not seen.
 *
 * <p>Written {@code <metric seq>.<log seq>.<step>.<total>.<status>}, e.g. {@code 12.6.3.10.running}.
 * Ids of the earlier form {@code <metric seq>:<log seq>} are still read (the client is then sent the
 * current progress and status again).
 *
 * @param metricSeq the last metric value sent, 0 for none
 * @param logSeq the last log line sent, 0 for none
 * @param step the progress step sent
 * @param total the progress total sent
 * @param status the status sent, {@code null} for none
 */
public record EventCursor(long metricSeq, long logSeq, long step, long total, TrainingStatus status) {

    /** Where a client that has read nothing is. */
    public static final EventCursor START = new EventCursor(0, 0, 0, 0, null);

    private static final Pattern ID = Pattern.compile("(\\d{1,18})\\.(\\d{1,18})\\.(\\d{1,18})\\.(\\d{1,18})\\.([a-z]{1,16})");
    private static final Pattern EARLIER_ID = Pattern.compile("(\\d{1,18}):(\\d{1,18})");

    /**
     * @param eventId a {@code Last-Event-ID}, or {@code null}
     * @return its cursor; {@link #START} for {@code null} or an empty id
     * @throws BadRequestException when it is not an id this stream gives
     */
    public static EventCursor parse(String eventId) {
        if (eventId == null || eventId.isBlank()) {
            return START;
        }
        String id = eventId.strip();
        Matcher m = ID.matcher(id);
        if (m.matches()) {
            try {
                return new EventCursor(Long.parseLong(m.group(1)), Long.parseLong(m.group(2)),
                        Long.parseLong(m.group(3)), Long.parseLong(m.group(4)), TrainingStatus.of(m.group(5)));
            } catch (IllegalArgumentException e) {
                throw malformed(id);
            }
        }
        Matcher earlier = EARLIER_ID.matcher(id);
        if (earlier.matches()) {
            return new EventCursor(Long.parseLong(earlier.group(1)), Long.parseLong(earlier.group(2)), 0, 0, null);
        }
        throw malformed(id);
    }

    private static BadRequestException malformed(String id) {
        String shown = id.length() > 60 ? id.substring(0, 60) + "..." : id;
        return new BadRequestException("Last-Event-ID '" + shown + "' is not an id of this event stream (ids look like"
                + " 12.6.3.10.running); reconnect without Last-Event-ID to read the stream from its start");
    }

    /** @return the id of the event after which a client is here */
    public String id() {
        return metricSeq + "." + logSeq + "." + step + "." + total + "." + (status == null ? "none" : status.label());
    }

    EventCursor afterMetric(long seq) {
        return new EventCursor(seq, logSeq, step, total, status);
    }

    EventCursor afterLog(long seq) {
        return new EventCursor(metricSeq, seq, step, total, status);
    }

    EventCursor at(Progress progress) {
        return new EventCursor(metricSeq, logSeq, progress.step(), progress.total(), status);
    }

    EventCursor at(TrainingStatus newStatus) {
        return new EventCursor(metricSeq, logSeq, step, total, newStatus);
    }

    boolean sameProgress(Progress progress) {
        return progress.step() == step && progress.total() == total;
    }
}
