package io.jdeepaas.runtime.training;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Where training records, their metrics series, log lines and artifacts are kept. */
public interface TrainingStore {

    /** Creates or replaces a record. */
    void save(TrainingRecord record);

    Optional<TrainingRecord> find(String model, String uuid);

    /** @return a model's records, newest first */
    List<TrainingRecord> list(String model);

    /** @return every record of every model */
    List<TrainingRecord> all();

    /** Appends one step's metrics to a training's series. */
    void appendMetrics(String model, String uuid, long step, Map<String, Double> metrics);

    /** Appends one line to a training's log. */
    void appendLog(String model, String uuid, String line);

    /** @return the folder for a training's artifacts, created if needed */
    Path outputDir(String model, String uuid);

    /** @return the folder for a training's copies of uploaded inputs, created if needed */
    Path inputDir(String model, String uuid);
}
