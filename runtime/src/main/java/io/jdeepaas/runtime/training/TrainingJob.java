package io.jdeepaas.runtime.training;

import io.jdeepaas.spi.Device;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One training running in this process: its current record, its cancellation flag, the thread
 * running it. It is also the {@link TrainingContext} handed to the module, so what the module
 * reports (progress, metrics, log lines) is stored as it happens.
 */
final class TrainingJob implements RunningTraining {

    private final TrainingStore store;
    private final TrainingSignals signals;
    private final Path outputDir;
    private final Path inputDir;
    private final Device device;
    private final CountDownLatch ended = new CountDownLatch(1);
    private final AtomicLong metricSeq = new AtomicLong();
    private final AtomicLong logSeq = new AtomicLong();
    private volatile TrainingRecord record;
    private volatile boolean cancelRequested;
    private volatile Thread thread;

    TrainingJob(TrainingRecord record, boolean cancelRequested, TrainingStore store, TrainingSignals signals,
                Path outputDir, Path inputDir, Device device) {
        this.record = record;
        this.cancelRequested = cancelRequested;
        this.store = store;
        this.signals = signals;
        this.outputDir = outputDir;
        this.inputDir = inputDir;
        this.device = device;
    }

    TrainingRecord record() {
        return record;
    }

    /** Saves the next state; a training that has ended never changes again. */
    synchronized void update(TrainingRecord next) {
        if (record.isFinal()) {
            return;
        }
        record = next;
        store.update(next);
        signals.signal();
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
        update(record.withProgress(record.progress().at(step, total)));
    }

    @Override
    public synchronized void metrics(long step, Map<String, Double> metrics) {
        if (metrics == null || metrics.isEmpty()) {
            return;
        }
        long first = metricSeq.get() + 1;
        metricSeq.addAndGet(metrics.size());
        store.appendMetrics(record.uuid(), first, step, metrics);
        update(record.withProgress(record.progress().withMetrics(metrics)));
    }

    @Override
    public void log(String line) {
        String text = line == null ? "" : line;
        for (String part : text.split("\\R", -1)) {
            store.appendLog(record.uuid(), logSeq.incrementAndGet(), part);
        }
        signals.signal();
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
