package io.jdeepaas.testkit;

import io.jdeepaas.spi.Device;
import io.jdeepaas.spi.TrainingContext;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A training context for unit tests: it records every progress report, metric and log line the
 * module gives, hands it an output folder, and can be cancelled by the test.
 *
 * <pre>{@code
 * RecordingTrainingContext context = RecordingTrainingContext.inTempFolder();
 * Object result = module.train(Requests.train(module, Map.of("epochs", 2)), context);
 * assertThat(context.lastProgress()).isEqualTo(new RecordingTrainingContext.Progress(2, 2));
 * assertThat(context.logs()).hasSize(2);
 * }</pre>
 */
public final class RecordingTrainingContext implements TrainingContext {

    /**
     * One progress report.
     *
     * @param step steps done
     * @param total steps planned
     */
    public record Progress(long step, long total) {
    }

    /**
     * The metrics of one step.
     *
     * @param step the step
     * @param values the metrics by name
     */
    public record Metrics(long step, Map<String, Double> values) {
    }

    private final Path outputDir;
    private final Device device;
    private final List<Progress> progress = new CopyOnWriteArrayList<>();
    private final List<Metrics> metrics = new CopyOnWriteArrayList<>();
    private final List<String> logs = new CopyOnWriteArrayList<>();
    private volatile boolean cancelled;
    private volatile long cancelAtStep = Long.MAX_VALUE;

    /**
     * @param outputDir the training's output folder (created if missing)
     * @param device the device the model is said to be warmed on
     */
    public RecordingTrainingContext(Path outputDir, Device device) {
        try {
            this.outputDir = Files.createDirectories(outputDir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        this.device = device;
    }

    /** @return a context on the CPU whose output folder is a new temporary folder */
    public static RecordingTrainingContext inTempFolder() {
        try {
            return new RecordingTrainingContext(Files.createTempDirectory("training-output"), Device.cpu());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void progress(long step, long total) {
        progress.add(new Progress(step, total));
        if (step >= cancelAtStep) {
            cancelled = true;
        }
    }

    @Override
    public void metrics(long step, Map<String, Double> values) {
        metrics.add(new Metrics(step, Map.copyOf(values)));
    }

    @Override
    public void log(String line) {
        logs.add(line);
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
        return device;
    }

    /**
     * Asks the training to stop, as a user's cancel would, as soon as it reports progress at the step.
     *
     * @param step the step (e.g. the epoch) whose progress report cancels
     * @return this context
     */
    public RecordingTrainingContext cancellingAtStep(long step) {
        cancelAtStep = step;
        return this;
    }

    /** Asks the training to stop, as a user's cancel would. */
    public void cancel() {
        cancelled = true;
    }

    /** @return every progress report, in order */
    public List<Progress> progress() {
        return List.copyOf(progress);
    }

    /** @return the last progress report, or {@code null} when none was made */
    public Progress lastProgress() {
        return progress.isEmpty() ? null : progress.get(progress.size() - 1);
    }

    /** @return every metrics report, in order */
    public List<Metrics> metrics() {
        return List.copyOf(metrics);
    }

    /** @return every log line, in order */
    public List<String> logs() {
        return List.copyOf(logs);
    }
}
