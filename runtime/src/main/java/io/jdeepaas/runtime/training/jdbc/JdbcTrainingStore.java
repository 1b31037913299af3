package io.jdeepaas.runtime.training.jdbc;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.jdeepaas.runtime.training.LogLine;
import io.jdeepaas.runtime.training.MetricPoint;
import io.jdeepaas.runtime.training.TrainingFilter;
import io.jdeepaas.runtime.training.TrainingRecord;
import io.jdeepaas.runtime.training.TrainingStatus;
import io.jdeepaas.runtime.training.TrainingStore;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The training store over plain JDBC, one class per concern over one {@link Database}: the records
 * ({@link JdbcTrainingRecords}), the queue ({@link JdbcTrainingQueue}), the replicas' leases
 * ({@link JdbcReplicaLeases}), what trainings report ({@link JdbcTrainingOutputs}) and experiments
 * ({@link JdbcExperiments}). Status changes are conditional updates ({@code ... WHERE status IN
 * (...)}), and claiming a queued training locks its row with {@code FOR UPDATE SKIP LOCKED}, so
 * replicas sharing a PostgreSQL database never run one training twice.
 */
public final class JdbcTrainingStore implements TrainingStore {

    private final Database database;
    private final JdbcTrainingRecords records;
    private final JdbcTrainingQueue queue;
    private final JdbcReplicaLeases leases;
    private final JdbcTrainingOutputs outputs;
    private final JdbcExperiments experiments;

    /**
     * @param database the open database; closed with this store
     * @param json the mapper for the JSON columns
     */
    public JdbcTrainingStore(Database database, ObjectMapper json) {
        TrainingRows rows = new TrainingRows(json);
        this.database = database;
        this.records = new JdbcTrainingRecords(database, rows);
        this.queue = new JdbcTrainingQueue(database, rows);
        this.leases = new JdbcReplicaLeases(database, rows);
        this.outputs = new JdbcTrainingOutputs(database);
        this.experiments = new JdbcExperiments(database);
    }

    @Override
    public void insert(TrainingRecord record) {
        records.insert(record);
    }

    @Override
    public boolean update(TrainingRecord record) {
        return records.update(record);
    }

    @Override
    public Optional<TrainingRecord> find(String uuid) {
        return records.find(uuid);
    }

    @Override
    public List<TrainingRecord> list(TrainingFilter filter) {
        return records.list(filter);
    }

    @Override
    public Map<TrainingStatus, Long> countByStatus() {
        return records.countByStatus();
    }

    @Override
    public boolean delete(String uuid) {
        return records.delete(uuid);
    }

    @Override
    public long countQueued(String model) {
        return queue.countQueued(model);
    }

    @Override
    public Optional<Claim> claimNextQueued(Collection<String> models, String owner) {
        return queue.claimNextQueued(models, owner);
    }

    @Override
    public void requestCancel(String uuid) {
        queue.requestCancel(uuid);
    }

    @Override
    public Optional<TrainingRecord> cancelQueued(String uuid, String message) {
        return queue.cancelQueued(uuid, message);
    }

    @Override
    public List<TrainingRecord> interruptStale(Instant heartbeatBefore, String message) {
        return leases.interruptStale(heartbeatBefore, message);
    }

    @Override
    public Set<String> heartbeat(String owner) {
        return leases.heartbeat(owner);
    }

    @Override
    public Set<String> cancelRequests(String owner) {
        return leases.cancelRequests(owner);
    }

    @Override
    public boolean saveReport(TrainingRecord record, List<MetricPoint> metrics, List<LogLine> logs) {
        return database.transaction("save what training " + record.uuid() + " reported", c -> {
            outputs.append(c, record.uuid(), metrics, logs);
            return records.update(c, record);
        });
    }

    @Override
    public List<MetricPoint> metrics(String uuid, long afterSeq) {
        return outputs.metrics(uuid, afterSeq);
    }

    @Override
    public List<LogLine> logs(String uuid, long afterSeq) {
        return outputs.logs(uuid, afterSeq);
    }

    @Override
    public List<ExperimentGroup> experimentGroups(String owner) {
        return experiments.experimentGroups(owner);
    }

    @Override
    public Map<String, Map<String, Double>> finalMetrics(String experiment) {
        return experiments.finalMetrics(experiment);
    }

    @Override
    public void close() {
        database.close();
    }
}
