package io.jdeepaas.runtime.training;

import io.jdeepaas.spi.Device;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * One training running in this process: its current record, its cancellation flag, the thread
 * running it. It is also the {@link io.jdeepaas.spi.TrainingContext} handed to the module: what the
 * module reports (progress, metrics, log lines) goes through its {@link TrainingReports}, saved in
 * batches within {@link TrainingReports#EVERY}, and always before the training's status changes.
 */
final class TrainingJob implements RunningTraining {

    private final TrainingReports reports;
    private final Path outputDir;
    private final Path inputDir;
    private final Device device;
    private final CountDownLatch ended = new CountDownLatch(1);
    private volatile TrainingRecord record;
    private volatile boolean cancelRequested;
    private volatile Thread thread;

    TrainingJob(TrainingRecord record, boolean cancelRequested, TrainingStore store, TrainingSignals signals,
                ScheduledExecutorService saver, Path outputDir, Path inputDir, Device device) {
        this.record = record;
        this.cancelRequested = cancelRequested;
        this.reports = new TrainingReports(record, store, signals, saver);
        this.outputDir = outputDir;
        this.inputDir = inputDir;
        this.device = device;
    }

    TrainingRecord record() {
        return record;
    }

    /**
     * Saves the next state (a change of status) at once, with every report not saved yet; a training
     * that has ended never changes again.
     */
    synchronized void update(TrainingRecord next) {
        if (record.isFinal()) {
            return;
        }
        record = next;
        reports.saveWith(next);
        if (next.isFinal()) {
            ended.countDown();
        }
    }

    void begin(Thread runner) {
        thread = runner;
        if (cancelRequested) {
            update(record.withStatus(TrainingStatus.CANCELLING));
        }
    }

    void finish() {
        thread = null;
    }

    /** Asks the training to stop: the module sees the flag, the record shows {@code cancelling}. */
    synchronized void requestCancel() {
        cancelRequested = true;
        if (record.status() == TrainingStatus.RUNNING) {
            update(record.withStatus(TrainingStatus.CANCELLING));
        }
    }

    /** Interrupts the training thread, for a module that does not look at the flag. */
    void interrupt() {
        Thread running = thread;
        if (running != null) {
            running.interrupt();
        }
    }

    boolean awaitEnd(long millis) throws InterruptedException {
        return ended.await(millis, TimeUnit.MILLISECONDS);
    }

    boolean cancelRequested() {
        return cancelRequested;
    }

    @Override
    public synchronized void progress(long step, long total) {
        if (!record.isFinal()) {
            record = record.withProgress(record.progress().at(step, total));
            reports.record(record);
        }
    }

    @Override
    public synchronized void metrics(long step, Map<String, Double> metrics) {
        if (metrics == null || metrics.isEmpty() || record.isFinal()) {
            return;
        }
        record = record.withProgress(record.progress().withMetrics(metrics));
        reports.metrics(record, step, metrics);
    }

    @Override
    public synchronized void log(String line) {
        if (!record.isFinal()) {
            String text = line == null ? "" : line;
            reports.log(List.of(text.split("\\R", -1)));
        }
    }

    @Override
    public boolean cancelled() {
        return cancelRequested;
    }

    @Override
    public String trainingId() {
        return record.uuid();
    }

    @Override
    public Path outputDir() {
        return outputDir;
    }

    @Override
    public String model() {
        return record.model();
    }

    @Override
    public Map<String, Object> args() {
        return record.args();
    }

    @Override
    public Path inputDir() {
        return inputDir;
    }

    @Override
    public Path folder() {
        return outputDir.getParent();
    }

    @Override
    public boolean ended() {
        return record.isFinal();
    }

    @Override
    public Device device() {
        return device;
    }
}
