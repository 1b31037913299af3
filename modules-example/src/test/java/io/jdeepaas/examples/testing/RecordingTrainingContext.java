package io.jdeepaas.examples.testing;

import io.jdeepaas.spi.Device;
import io.jdeepaas.spi.TrainingContext;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BiConsumer;

/**
 * A training context that records what a training reports and can be cancelled: at will, once
 * progress reaches a given step, or from a hook run after each metrics report.
 */
public final class RecordingTrainingContext implements TrainingContext {

    /**
     * One {@link #progress(long, long)} call.
     *
     * @param step steps done
     * @param total steps planned
     */
    public record Progress(long step, long total) {
    }

    /**
     * One {@link #metrics(long, Map)} call.
     *
     * @param step the step they belong to
     * @param metrics values by name
     */
    public record Step(long step, Map<String, Double> metrics) {
    }

    private final Path outputDir;
    private final List<Progress> progressReports = new CopyOnWriteArrayList<>();
    private final List<Step> steps = new CopyOnWriteArrayList<>();
    private final List<String> lines = new CopyOnWriteArrayList<>();
    private volatile long progress;
    private volatile long total;
    private volatile boolean cancelled;
    private volatile long cancelAtProgress = Long.MAX_VALUE;
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

    /**
     * Asks to cancel as soon as a progress report with at least the given step has been recorded.
     *
     * @param step the step (e.g. epoch) after which to cancel
     * @return this
     */
    public RecordingTrainingContext cancellingAtProgress(long step) {
        this.cancelAtProgress = step;
        return this;
    }

    /** Asks the training to stop. */
    public void cancel() {
        cancelled = true;
    }

    /** @return every progress report, in order */
    public List<Progress> progressReports() {
        return progressReports;
    }

    /** @return every metrics report with its step, in order */
    public List<Step> steps() {
        return steps;
    }

    /** @return the metrics maps of every metrics report, in order */
    public List<Map<String, Double>> metricsReports() {
        return steps.stream().map(Step::metrics).toList();
    }

    /** @return the last progress step reported */
    public long progress() {
        return progress;
    }

    /** @return the last progress total reported */
    public long total() {
        return total;
    }

    /** @return the log lines, in order */
    public List<String> lines() {
        return lines;
    }

    @Override
    public void progress(long step, long total) {
        progressReports.add(new Progress(step, total));
        this.progress = step;
        this.total = total;
        if (step >= cancelAtProgress) {
            cancelled = true;
        }
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

    /** @return {@code <output folder>-model}, beside the output folder, created on first call */
    @Override
    public Path modelDir() {
        try {
            return java.nio.file.Files.createDirectories(outputDir.resolveSibling(outputDir.getFileName() + "-model"));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Override
    public Device device() {
        return Device.cpu();
    }
}
