package io.jdeepaas.runtime.training;

import java.io.IOException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Follows one training and hands its events to a sink, in order: first everything stored so far
 * (metrics and log lines), then each new one as it happens, and last the final status, after which
 * {@link #follow} returns. Event names: {@code metrics} ({@code {"step", "metrics": {name: value}}}),
 * {@code log} ({@code {"seq", "line", "time"}}), {@code progress} ({@code {"step", "total",
 * "fraction"}}) and {@code status} (the whole record; sent first, on every change of status, and
 * last, once final). Each event's id is a cursor ({@code <metric seq>:<log seq>}) from which a reconnecting
 * client resumes without repeats.
 */
public final class TrainingFeed {

    private static final long POLL_MILLIS = 1000;

    private final TrainingStore store;
    private final TrainingSignals signals;
    private final String uuid;

    TrainingFeed(TrainingStore store, TrainingSignals signals, String uuid) {
        this.store = store;
        this.signals = signals;
        this.uuid = uuid;
    }

    /** Where events are written. */
    public interface Sink {
        /** Writes one event. */
        void event(String name, String id, Object data) throws IOException;

        /** Writes a comment that keeps the connection open. */
        void keepAlive() throws IOException;
    }

    /**
     * How far a client has read.
     *
     * @param metricSeq the last metric value sent
     * @param logSeq the last log line sent
     */
    public record Cursor(long metricSeq, long logSeq) {

        /** @return the cursor of an event id, or the start for {@code null} or a foreign id */
        public static Cursor parse(String eventId) {
            if (eventId != null && eventId.matches("\\d{1,18}:\\d{1,18}")) {
                String[] parts = eventId.split(":");
                return new Cursor(Long.parseLong(parts[0]), Long.parseLong(parts[1]));
            }
            return new Cursor(0, 0);
        }

        String id() {
            return metricSeq + ":" + logSeq;
        }
    }

    /**
     * Writes events until the training has ended (or is gone), or the sink fails.
     *
     * @param from where to start
     * @param sink where to write
     * @param keepAlive how often to write a comment while nothing happens
     */
    public void follow(Cursor from, Sink sink, Duration keepAlive) throws IOException, InterruptedException {
        Cursor cursor = from;
        TrainingStatus lastStatus = null;
        long lastStep = -1;
        long lastTotal = -1;
        long lastWrite = System.nanoTime();
        while (true) {
            long seen = signals.version();
            Optional<TrainingRecord> found = store.find(uuid);
            if (found.isEmpty()) {
                return;
            }
            TrainingRecord record = found.get();
            boolean wrote = false;
            if (record.status() != lastStatus && !record.isFinal()) {
                lastStatus = record.status();
                sink.event("status", cursor.id(), record);
                wrote = true;
            }
            List<MetricPoint> points = store.metrics(uuid, cursor.metricSeq());
            int i = 0;
            while (i < points.size()) {
                long step = points.get(i).step();
                Map<String, Double> values = new LinkedHashMap<>();
                long last = cursor.metricSeq();
                while (i < points.size() && points.get(i).step() == step && !values.containsKey(points.get(i).name())) {
                    values.put(points.get(i).name(), points.get(i).value());
                    last = points.get(i).seq();
                    i++;
                }
                cursor = new Cursor(last, cursor.logSeq());
                Map<String, Object> data = new LinkedHashMap<>();
                data.put("step", step);
                data.put("metrics", values);
                sink.event("metrics", cursor.id(), data);
                wrote = true;
            }
            for (LogLine line : store.logs(uuid, cursor.logSeq())) {
                cursor = new Cursor(cursor.metricSeq(), line.seq());
                sink.event("log", cursor.id(), line);
                wrote = true;
            }
            Progress progress = record.progress();
            if (progress.step() != lastStep || progress.total() != lastTotal) {
                lastStep = progress.step();
                lastTotal = progress.total();
                Map<String, Object> data = new LinkedHashMap<>();
                data.put("step", progress.step());
                data.put("total", progress.total());
                data.put("fraction", progress.fraction());
                sink.event("progress", cursor.id(), data);
                wrote = true;
            }
            if (record.isFinal()) {
                sink.event("status", cursor.id(), record);
                return;
            }
            if (wrote) {
                lastWrite = System.nanoTime();
            } else if (System.nanoTime() - lastWrite > keepAlive.toNanos()) {
                sink.keepAlive();
                lastWrite = System.nanoTime();
            }
            signals.await(seen, POLL_MILLIS);
        }
    }
}
