package io.jdeepaas.runtime.metrics;

import io.jdeepaas.runtime.registry.ModelHandle;
import io.jdeepaas.runtime.registry.ModelRegistry;
import io.jdeepaas.runtime.registry.ModelState;
import io.jdeepaas.runtime.training.TrainingRecord;
import io.jdeepaas.runtime.training.TrainingStatus;
import io.jdeepaas.runtime.training.TrainingStore;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.FileDescriptorMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.Map;
import java.util.OptionalLong;

/**
 * Gauges read at each scrape: models by state and loaded, trainings by status, JVM memory, GC,
 * threads and class loading, processor, uptime, file descriptors, and the process's resident and
 * virtual memory (from {@code /proc/self/status} where there is one).
 */
public final class RuntimeGauges implements AutoCloseable {

    private static final Path PROC_STATUS = Path.of("/proc/self/status");
    private static final long TRAINING_COUNTS_TTL_NANOS = 1_000_000_000L;

    private final JvmGcMetrics gc = new JvmGcMetrics();
    private final TrainingStore trainings;
    private Map<TrainingStatus, Long> trainingCounts = new EnumMap<>(TrainingStatus.class);
    private long trainingCountsAt;
    private boolean counted;

    private RuntimeGauges(TrainingStore trainings) {
        this.trainings = trainings;
    }

    /**
     * Registers every gauge.
     *
     * @param registry where
     * @param models the served models
     * @param trainings the training records
     * @return the gauges; close them when the server stops
     */
    public static RuntimeGauges register(MeterRegistry registry, ModelRegistry models, TrainingStore trainings) {
        RuntimeGauges gauges = new RuntimeGauges(trainings);
        new JvmMemoryMetrics().bindTo(registry);
        gauges.gc.bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ClassLoaderMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);
        new FileDescriptorMetrics().bindTo(registry);
        Gauge.builder("process.resident.memory", () -> procStatus("VmRSS:").orElse(-1)).baseUnit("bytes")
                .description("Resident set size of the process (heap, native and engine memory)").register(registry);
        Gauge.builder("process.virtual.memory", () -> procStatus("VmSize:").orElse(-1)).baseUnit("bytes")
                .description("Virtual memory size of the process").register(registry);
        Gauge.builder("deepaas.models.loaded", () -> models.all().stream().filter(ModelHandle::isReady).count())
                .description("Models loaded and ready to serve").register(registry);
        for (ModelState state : ModelState.values()) {
            Gauge.builder("deepaas.models", () -> models.all().stream()
                            .filter(m -> m.status().state() == state).count())
                    .description("Served models by state").tag("state", state.label()).register(registry);
        }
        for (TrainingStatus status : TrainingStatus.values()) {
            Gauge.builder("deepaas.trainings", () -> gauges.trainingCount(status))
                    .description("Trainings by status, as kept in the data folder").tag("status", status.label())
                    .register(registry);
        }
        return gauges;
    }

    /**
     * @param field a line's label in {@code /proc/self/status}, e.g. {@code VmRSS:}
     * @return its value in bytes, when the system has that file
     */
    public static OptionalLong procStatus(String field) {
        try {
            for (String line : Files.readAllLines(PROC_STATUS)) {
                if (line.startsWith(field)) {
                    String[] parts = line.substring(field.length()).trim().split("\\s+");
                    return OptionalLong.of(Long.parseLong(parts[0]) * 1024); // the file reports kB
                }
            }
        } catch (IOException | RuntimeException e) {
            return OptionalLong.empty();
        }
        return OptionalLong.empty();
    }

    /** Counts each status once per scrape (one read of the store serves every status's gauge). */
    private synchronized long trainingCount(TrainingStatus status) {
        long now = System.nanoTime();
        if (!counted || now - trainingCountsAt > TRAINING_COUNTS_TTL_NANOS) {
            trainingCounts = trainings.countByStatus();
            trainingCountsAt = now;
            counted = true;
        }
        return trainingCounts.getOrDefault(status, 0L);
    }

    @Override
    public void close() {
        gc.close();
    }
}
