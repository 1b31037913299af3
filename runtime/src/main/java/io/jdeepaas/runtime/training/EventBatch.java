package io.jdeepaas.runtime.training;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The events that take a client from one cursor to a training's state as stored, and the cursor it
 * is at after them.
 *
 * @param events the events, in order
 * @param end the cursor after the last one (the start cursor when there are none)
 */
record EventBatch(List<TrainingEvent> events, EventCursor end) {

    /**
     * Reads what a client at {@code from} has not seen yet.
     *
     * @param store where metrics and log lines are
     * @param record the training's record, as read just now
     * @param from where the client is
     * @param metricBound metric values with a higher sequence number are left for later
     * @param logBound log lines with a higher sequence number are left for later
     * @param finalStatusLast true for a stream that follows the training live: a final status comes
     *     after the metrics, lines and progress it ended with; false for a client catching up, whose
     *     first event is the current status (when it has not seen it)
     */
    static EventBatch read(TrainingStore store, TrainingRecord record, EventCursor from, long metricBound,
                           long logBound, boolean finalStatusLast) {
        List<TrainingEvent> events = new ArrayList<>();
        EventCursor cursor = from;
        boolean statusNow = record.status() != from.status() && !(finalStatusLast && record.isFinal());
        if (statusNow) {
            cursor = cursor.at(record.status());
            events.add(new TrainingEvent("status", cursor.id(), record));
        }
        List<MetricPoint> points = store.metrics(record.uuid(), from.metricSeq()).stream()
                .filter(p -> p.seq() <= metricBound).toList();
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
            cursor = cursor.afterMetric(last);
            Map<String, Object> data = new LinkedHashMap<>();
            data.put("step", step);
            data.put("metrics", values);
            events.add(new TrainingEvent("metrics", cursor.id(), data));
        }
        for (LogLine line : store.logs(record.uuid(), from.logSeq())) {
            if (line.seq() > logBound) {
                break;
            }
            cursor = cursor.afterLog(line.seq());
            events.add(new TrainingEvent("log", cursor.id(), line));
        }
        Progress progress = record.progress();
        if (!cursor.sameProgress(progress)) {
            cursor = cursor.at(progress);
            Map<String, Object> data = new LinkedHashMap<>();
            data.put("step", progress.step());
            data.put("total", progress.total());
            data.put("fraction", progress.fraction());
            events.add(new TrainingEvent("progress", cursor.id(), data));
        }
        if (record.status() != cursor.status()) {
            cursor = cursor.at(record.status());
            events.add(new TrainingEvent("status", cursor.id(), record));
        }
        return new EventBatch(List.copyOf(events), cursor);
    }
}
