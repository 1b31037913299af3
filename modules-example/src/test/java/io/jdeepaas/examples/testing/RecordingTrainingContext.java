package io.jdeepaas.examples.testing;

import io.jdeepaas.spi.Device;
import io.jdeepaas.spi.TrainingContext;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BiConsumer;

/** A training context that records what a training reports and can be cancelled. */
public final class RecordingTrainingContext implements TrainingContext {

    /** One {@link #metrics} call. */
    public record Step(long step, Map<String, Double> metrics) {
    }

    private final Path outputDir;
    private final List<Step> steps = new CopyOnWriteArrayList<>();
    private final List<String> lines = new CopyOnWriteArrayList<>();
    private volatile long progress;
    private volatile long total;
    private volatile boolean cancelled;
    private volatile BiConsumer<RecordingTrainingContext, Long> onMetrics = (c, s) -> { };

    /** @param outputDir the training's output folder (its name is the training's id) */
    public RecordingTrainingContext(Path outputDir) {
        this.outputDir = outputDir;
    }

    /**
     * @param hook called after each metrics report with the step, e.g. to cancel at a given epoch
     * @return this
     */
    public RecordingTrainingContext onMetrics(BiConsumer<RecordingTrainingContext, Long> hook) {
        this.onMetrics = hook;
        return this;
    }

    /** Asks the training to stop. */
    public void cancel() {
        cancelled = true;
    }

    /** @return every metrics report, in order */
    public List<Step> steps() {
        return steps;
    }

    /** @return the last progress step reported */
    public long progress() {
        return progress;
    }

    /** @return the last progress total reported */
    public long total() {
        return total;
    }

    /** @return the log lines */
    public List<String> lines() {
        return lines;
    }

    @Override
    public void progress(long step, long total) {
        this.progress = step;
        this.total = total;
    }

    @Override
    public void metrics(long step, Map<String, Double> metrics) {
        steps.add(new Step(step, Map.copyOf(metrics)));
        onMetrics.accept(this, step);
    }

    @Override
    public void log(String line) {
        lines.add(line);
    }

    @Override
    public boolean cancelled() {
        return cancelled;
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
