package io.jdeepaas.runtime.training;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What one running training reports, on its way to the store. Metric values, log lines and the
 * record's latest progress are kept here and saved together, in one transaction
 * ({@link TrainingStore#saveReport}):
 *
 * <ul>
 *   <li>{@link #EVERY} after the first report that is not saved yet, by the shared scheduler;</li>
 *   <li>by the scheduler at once, without waiting, when {@link #BATCH} values and lines wait;</li>
 *   <li>when {@link #MAX_PENDING} wait, by the reporting thread itself: a store slower than the
 *       module then slows the module down instead of losing reports or piling them up in memory;</li>
 *   <li>together with every change of status, the final one included, so an ended training has
 *       every value and line it reported.</li>
 * </ul>
 * A report thus costs the module a few objects, not a database round trip, and progress reported
 * many times between two saves is written once.
 *
 * <p>Threading: any thread may report; saves are serialised, so batches reach the store in the order
 * they were reported.
 */
final class TrainingReports {

    /** The longest a report waits before it is saved. */
    static final Duration EVERY = Duration.ofMillis(100);
    /** How many metric values and log lines make a batch worth saving without waiting for {@link #EVERY}. */
    static final int BATCH = 1000;
    /** How many metric values and log lines may wait before the reporting thread saves them itself. */
    static final int MAX_PENDING = 20_000;

    private static final Logger LOG = LoggerFactory.getLogger(TrainingReports.class);

    private final TrainingStore store;
    private final TrainingSignals signals;
    private final ScheduledExecutorService scheduler;
    /** Held while a batch is taken and saved, so batches reach the store one at a time, in order. */
    private final Object saving = new Object();
    // guarded by this
    private TrainingRecord latest;
    private boolean changed;
    private List<MetricPoint> metrics = new ArrayList<>();
    private List<LogLine> logs = new ArrayList<>();
    private long metricSeq;
    private long logSeq;
    private boolean scheduled;
    private boolean hurried;

    /**
     * @param record the training's record as stored
     * @param store where reports are saved
     * @param signals woken after each save, for the followers of the training
     * @param scheduler runs the timed saves
     */
    TrainingReports(TrainingRecord record, TrainingStore store, TrainingSignals signals,
                    ScheduledExecutorService scheduler) {
        this.latest = record;
        this.store = store;
        this.signals = signals;
        this.scheduler = scheduler;
    }

    /** Keeps the record's next state (new progress or latest metrics), saved with the next batch. */
    synchronized void record(TrainingRecord next) {
        latest = next;
        changed = true;
        scheduleSave();
    }

    /** Keeps metric values of one step, numbered in the map's order, with the record's next state. */
    void metrics(TrainingRecord next, long step, Map<String, Double> values) {
        boolean full;
        synchronized (this) {
            Instant now = TrainingRecord.now();
            values.forEach((name, value) -> metrics.add(new MetricPoint(++metricSeq, step, name, value, now)));
            latest = next;
            changed = true;
            full = pending() >= MAX_PENDING;
            if (!full) {
                scheduleSave();
            }
        }
        if (full) {
            save();
        }
    }

    /** Keeps log lines. */
    void log(List<String> lines) {
        boolean full;
        synchronized (this) {
            Instant now = TrainingRecord.now();
            lines.forEach(line -> logs.add(new LogLine(++logSeq, line, now)));
            full = pending() >= MAX_PENDING;
            if (!full) {
                scheduleSave();
            }
        }
        if (full) {
            save();
        }
    }

    /**
     * Saves everything kept so far together with the record's next state (a change of status), now,
     * on the calling thread.
     *
     * @return false when the stored training had already ended or is gone
     */
    boolean saveWith(TrainingRecord next) {
        synchronized (saving) {
            Batch batch;
            synchronized (this) {
                latest = next;
                changed = true;
                batch = take();
            }
            return write(batch);
        }
    }

    /** Saves what is kept, if anything, on the calling thread. */
    void save() {
        synchronized (saving) {
            Batch batch;
            synchronized (this) {
                batch = take();
            }
            if (batch != null) {
                write(batch);
            }
        }
    }

    private record Batch(TrainingRecord record, List<MetricPoint> metrics, List<LogLine> logs) {
    }

    /** Must hold this. @return what waits to be saved, now taken; null when nothing waits */
    private Batch take() {
        if (!changed && metrics.isEmpty() && logs.isEmpty()) {
            return null;
        }
        Batch batch = new Batch(latest, metrics, logs);
        changed = false;
        metrics = new ArrayList<>();
        logs = new ArrayList<>();
        return batch;
    }

    /** Must hold {@link #saving}. On failure the batch is kept, in front of newer reports, for the next save. */
    private boolean write(Batch batch) {
        boolean saved;
        try {
            saved = store.saveReport(batch.record(), batch.metrics(), batch.logs());
        } catch (RuntimeException e) {
            synchronized (this) {
                List<MetricPoint> newerMetrics = metrics;
                List<LogLine> newerLogs = logs;
                metrics = new ArrayList<>(batch.metrics());
                metrics.addAll(newerMetrics);
                logs = new ArrayList<>(batch.logs());
                logs.addAll(newerLogs);
                changed = true;
            }
            throw e;
        }
        signals.signal();
        return saved;
    }

    /** Must hold this. */
    private int pending() {
        return metrics.size() + logs.size();
    }

    /** Must hold this. Asks the scheduler for a save: within {@link #EVERY}, or at once for a full batch. */
    private void scheduleSave() {
        try {
            if (pending() >= BATCH && !hurried) {
                scheduler.execute(this::timedSave);
                hurried = true;
            } else if (!scheduled) {
                scheduler.schedule(this::timedSave, EVERY.toMillis(), TimeUnit.MILLISECONDS);
                scheduled = true;
            }
        } catch (RejectedExecutionException stopping) {
            // the runtime is stopping: what is kept is saved with the final status
        }
    }

    private void timedSave() {
        synchronized (this) {
            scheduled = false;
            hurried = false;
        }
        try {
            save();
        } catch (RuntimeException e) {
            LOG.warn("training={} cannot save its progress yet, will retry: {}", latest().uuid(), e.getMessage());
            synchronized (this) {
                scheduleSave();
            }
        }
    }

    private synchronized TrainingRecord latest() {
        return latest;
    }
}
