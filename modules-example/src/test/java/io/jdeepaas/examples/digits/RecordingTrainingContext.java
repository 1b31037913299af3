package io.jdeepaas.examples.digits;

import io.jdeepaas.spi.Device;
import io.jdeepaas.spi.TrainingContext;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;

/** A training context that records what a training reports and can be cancelled at will. */
final class RecordingTrainingContext implements TrainingContext {

    /**
     * One progress report.
     *
     * @param step steps done
     * @param total steps planned
     */
    record Progress(long step, long total) {
    }

    final List<Progress> progress = new CopyOnWriteArrayList<>();
    final List<Map<String, Double>> metrics = new CopyOnWriteArrayList<>();
    final List<String> log = new CopyOnWriteArrayList<>();
    private final AtomicBoolean cancelled = new AtomicBoolean();
    private final Path outputDir;
    private volatile long cancelAfterEpoch = Long.MAX_VALUE;

    RecordingTrainingContext(Path outputDir) {
        this.outputDir = outputDir;
    }

    /** Asks to cancel as soon as the given epoch has been reported. */
    RecordingTrainingContext cancellingAfterEpoch(long epoch) {
        cancelAfterEpoch = epoch;
        return this;
    }

    /** Asks to cancel now. */
    void cancel() {
        cancelled.set(true);
    }

    @Override
    public void progress(long step, long total) {
        progress.add(new Progress(step, total));
        if (step >= cancelAfterEpoch) {
            cancelled.set(true);
        }
    }

    @Override
    public void metrics(long step, Map<String, Double> values) {
        metrics.add(Map.copyOf(values));
    }

    @Override
    public void log(String line) {
        log.add(line);
    }

    @Override
    public boolean cancelled() {
        return cancelled.get();
    }

    @Override
    public Path outputDir() {
        return outputDir;
    }

    @Override
    public Device device() {
        return Device.cpu();
    }
}
