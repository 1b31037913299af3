package io.jdeepaas.examples.demo;

import io.jdeepaas.spi.Device;
import io.jdeepaas.spi.TrainingContext;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;

/** A training context that records what a training reports and can be cancelled by a test. */
final class RecordingContext implements TrainingContext {

    final List<long[]> progress = new CopyOnWriteArrayList<>();
    final List<Map<String, Double>> metrics = new CopyOnWriteArrayList<>();
    final List<String> log = new CopyOnWriteArrayList<>();
    final AtomicBoolean cancel = new AtomicBoolean();
    private final Path outputDir;

    RecordingContext(Path outputDir) {
        this.outputDir = outputDir;
    }

    @Override
    public void progress(long step, long total) {
        progress.add(new long[] {step, total});
    }

    @Override
    public void metrics(long step, Map<String, Double> values) {
        metrics.add(values);
    }

    @Override
    public void log(String line) {
        log.add(line);
    }

    @Override
    public boolean cancelled() {
        return cancel.get();
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
