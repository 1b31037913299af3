package io.jdeepaas.runtime.training;

import io.jdeepaas.spi.Device;
import io.jdeepaas.spi.TrainingContext;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * One training in flight: its current record, its cancellation flag, the thread running it. It is
 * also the {@link TrainingContext} handed to the module, so what the module reports is stored as it
 * happens.
 */
final class TrainingJob implements TrainingContext {

    private final TrainingStore store;
    private final Path outputDir;
    private final Device device;
    private final CountDownLatch ended = new CountDownLatch(1);
    private volatile TrainingRecord record;
    private volatile boolean cancelRequested;
    private volatile Thread thread;
    private volatile Future<?> future;

    TrainingJob(TrainingRecord record, TrainingStore store, Path outputDir, Device device) {
        this.record = record;
        this.store = store;
        this.outputDir = outputDir;
        this.device = device;
    }

    TrainingRecord record() {
        return record;
    }

    /** Saves the next state; a training that has ended never changes again. */
    synchronized void update(TrainingRecord next) {
        if (record.status().isFinal() && record != next) {
            return;
        }
        record = next;
        store.save(next);
        if (next.status().isFinal()) {
            ended.countDown();
        }
    }

    void attach(Future<?> submitted) {
        this.future = submitted;
    }

    /** @return true when this thread may run the job (it was not cancelled while queued) */
    synchronized boolean begin(Thread runner) {
        if (record.status() != TrainingStatus.QUEUED) {
            return false;
        }
        thread = runner;
        update(record.running());
        return true;
    }

    void finish() {
        thread = null;
    }

    /** Asks the training to stop: a queued one ends at once, a running one sees the flag. */
    synchronized void requestCancel() {
        cancelRequested = true;
        if (record.status() == TrainingStatus.QUEUED) {
            if (future != null) {
                future.cancel(false);
            }
            update(record.ended(TrainingStatus.CANCELLED, null, "cancelled before it started"));
        } else if (record.status() == TrainingStatus.RUNNING) {
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
        store.appendMetrics(record.model(), record.uuid(), step, metrics);
        update(record.withProgress(record.progress().withMetrics(metrics)));
    }

    @Override
    public void log(String line) {
        store.appendLog(record.model(), record.uuid(), line);
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
    public Device device() {
        return device;
    }
}
