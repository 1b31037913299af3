package io.jdeepaas.runtime.training.jdbc;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.jdeepaas.runtime.training.LogLine;
import io.jdeepaas.runtime.training.MetricPoint;
import io.jdeepaas.runtime.training.Progress;
import io.jdeepaas.runtime.training.TrainingFilter;
import io.jdeepaas.runtime.training.TrainingRecord;
import io.jdeepaas.runtime.training.TrainingStatus;
import io.jdeepaas.runtime.training.TrainingStore;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The training store over plain JDBC. Status changes are conditional updates ({@code ... WHERE
 * status IN (...)}), and claiming a queued training locks its row with {@code FOR UPDATE SKIP
 * LOCKED}, so replicas sharing a PostgreSQL database never run one training twice.
 */
public final class JdbcTrainingStore implements TrainingStore {

    private static final String COLUMNS = "uuid, model, experiment, args, status, progress_step, progress_total,"
            + " progress_metrics, result, message, created_at, started_at, finished_at, retry_of";
    private static final String NOT_ENDED = "('queued', 'running', 'cancelling')";
    private static final TypeReference<Map<String, Object>> OBJECT = new TypeReference<>() {
    };
    private static final TypeReference<Map<String, Double>> METRICS = new TypeReference<>() {
    };

    private final Database database;
    private final ObjectMapper json;

    public JdbcTrainingStore(Database database, ObjectMapper json) {
        this.database = database;
        this.json = json;
    }

    @Override
    public void insert(TrainingRecord r) {
        run("insert training " + r.uuid(), c -> {
            try (PreparedStatement s = c.prepareStatement("INSERT INTO trainings (" + COLUMNS
                    + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                s.setString(1, r.uuid());
                s.setString(2, r.model());
                s.setString(3, r.experiment());
                s.setString(4, write(r.args()));
                s.setString(5, r.status().label());
                s.setLong(6, r.progress().step());
                s.setLong(7, r.progress().total());
                s.setString(8, write(r.progress().metrics()));
                s.setString(9, r.result() == null ? null : write(r.result()));
                s.setString(10, r.message());
                s.setTimestamp(11, time(r.date()));
                s.setTimestamp(12, time(r.started()));
                s.setTimestamp(13, time(r.finished()));
                s.setString(14, r.retryOf());
                s.executeUpdate();
            }
            return null;
        });
    }

    @Override
    public boolean update(TrainingRecord r) {
        return run("update training " + r.uuid(), c -> {
            // a running training whose cancel was asked (maybe through another replica) stays 'cancelling'
            try (PreparedStatement s = c.prepareStatement("UPDATE trainings SET status = CASE WHEN cancel_requested"
                    + " AND ? = 'running' THEN 'cancelling' ELSE ? END, progress_step = ?,"
                    + " progress_total = ?, progress_metrics = ?, result = ?, message = ?, started_at = ?,"
                    + " finished_at = ? WHERE uuid = ? AND status IN " + NOT_ENDED)) {
                s.setString(1, r.status().label());
                s.setString(2, r.status().label());
                s.setLong(3, r.progress().step());
                s.setLong(4, r.progress().total());
                s.setString(5, write(r.progress().metrics()));
                s.setString(6, r.result() == null ? null : write(r.result()));
                s.setString(7, r.message());
                s.setTimestamp(8, time(r.started()));
                s.setTimestamp(9, time(r.finished()));
                s.setString(10, r.uuid());
                return s.executeUpdate() == 1;
            }
        });
    }

    @Override
    public Optional<TrainingRecord> find(String uuid) {
        return run("read training " + uuid, c -> find(c, uuid));
    }

    @Override
    public List<TrainingRecord> list(TrainingFilter filter) {
        StringBuilder sql = new StringBuilder("SELECT " + COLUMNS + " FROM trainings WHERE 1 = 1");
        List<String> values = new ArrayList<>();
        if (filter.model() != null) {
            sql.append(" AND model = ?");
            values.add(filter.model());
        }
        if (filter.experiment() != null) {
            sql.append(" AND experiment = ?");
            values.add(filter.experiment());
        }
        if (filter.status() != null) {
            sql.append(" AND status = ?");
            values.add(filter.status().label());
        }
        sql.append(" ORDER BY created_at DESC, uuid");
        return run("list trainings", c -> {
            try (PreparedStatement s = c.prepareStatement(sql.toString())) {
                for (int i = 0; i < values.size(); i++) {
                    s.setString(i + 1, values.get(i));
                }
                return records(s);
            }
        });
    }

    @Override
    public long countQueued(String model) {
        return run("count queued trainings", c -> {
            try (PreparedStatement s = c.prepareStatement(
                    "SELECT COUNT(*) FROM trainings WHERE model = ? AND status = 'queued'")) {
                s.setString(1, model);
                try (ResultSet rs = s.executeQuery()) {
                    rs.next();
                    return rs.getLong(1);
                }
            }
        });
    }

    @Override
    public Map<TrainingStatus, Long> countByStatus() {
        return run("count trainings by status", c -> {
            Map<TrainingStatus, Long> counts = new java.util.EnumMap<>(TrainingStatus.class);
            try (PreparedStatement s = c.prepareStatement("SELECT status, COUNT(*) FROM trainings GROUP BY status");
                 ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    counts.put(TrainingStatus.of(rs.getString(1)), rs.getLong(2));
                }
            }
            return counts;
        });
    }

    @Override
    public Optional<Claim> claimNextQueued(Collection<String> models, String owner) {
        if (models.isEmpty()) {
            return Optional.empty();
        }
        String in = models.stream().map(m -> "?").collect(Collectors.joining(", "));
        return transaction("claim a queued training", c -> {
            String uuid;
            boolean cancelRequested;
            try (PreparedStatement s = c.prepareStatement("SELECT uuid, cancel_requested FROM trainings"
                    + " WHERE status = 'queued' AND model IN (" + in + ") ORDER BY created_at, uuid"
                    + " FETCH FIRST 1 ROWS ONLY FOR UPDATE SKIP LOCKED")) {
                int i = 1;
                for (String model : models) {
                    s.setString(i++, model);
                }
                try (ResultSet rs = s.executeQuery()) {
                    if (!rs.next()) {
                        return Optional.empty();
                    }
                    uuid = rs.getString(1);
                    cancelRequested = rs.getBoolean(2);
                }
            }
            Instant now = TrainingRecord.now();
            try (PreparedStatement s = c.prepareStatement("UPDATE trainings SET status = 'running', owner = ?,"
                    + " heartbeat = ?, started_at = ? WHERE uuid = ? AND status = 'queued'")) {
                s.setString(1, owner);
                s.setTimestamp(2, time(now));
                s.setTimestamp(3, time(now));
                s.setString(4, uuid);
                if (s.executeUpdate() != 1) {
                    return Optional.empty();
                }
            }
            return find(c, uuid).map(r -> new Claim(r, cancelRequested));
        });
    }

    @Override
    public void requestCancel(String uuid) {
        run("request cancel of " + uuid, c -> {
            try (PreparedStatement s = c.prepareStatement("UPDATE trainings SET cancel_requested = TRUE, status ="
                    + " CASE WHEN status = 'running' THEN 'cancelling' ELSE status END"
                    + " WHERE uuid = ? AND status IN " + NOT_ENDED)) {
                s.setString(1, uuid);
                s.executeUpdate();
            }
            return null;
        });
    }

    @Override
    public Optional<TrainingRecord> cancelQueued(String uuid, String message) {
        return transaction("cancel queued training " + uuid, c -> {
            try (PreparedStatement s = c.prepareStatement("UPDATE trainings SET status = 'cancelled', message = ?,"
                    + " finished_at = ? WHERE uuid = ? AND status = 'queued'")) {
                s.setString(1, message);
                s.setTimestamp(2, time(TrainingRecord.now()));
                s.setString(3, uuid);
                if (s.executeUpdate() != 1) {
                    return Optional.empty();
                }
            }
            return find(c, uuid);
        });
    }

    @Override
    public List<TrainingRecord> interruptStale(Instant heartbeatBefore, String message) {
        return transaction("interrupt stale trainings", c -> {
            List<String> stale = new ArrayList<>();
            try (PreparedStatement s = c.prepareStatement("SELECT uuid FROM trainings WHERE status IN"
                    + " ('running', 'cancelling') AND (heartbeat IS NULL OR heartbeat < ?) FOR UPDATE")) {
                s.setTimestamp(1, time(heartbeatBefore));
                try (ResultSet rs = s.executeQuery()) {
                    while (rs.next()) {
                        stale.add(rs.getString(1));
                    }
                }
            }
            List<TrainingRecord> interrupted = new ArrayList<>();
            for (String uuid : stale) {
                try (PreparedStatement s = c.prepareStatement("UPDATE trainings SET status = 'interrupted',"
                        + " message = ?, finished_at = ? WHERE uuid = ? AND status IN ('running', 'cancelling')")) {
                    s.setString(1, message);
                    s.setTimestamp(2, time(TrainingRecord.now()));
                    s.setString(3, uuid);
                    s.executeUpdate();
                }
                find(c, uuid).ifPresent(interrupted::add);
            }
            return interrupted;
        });
    }

    @Override
    public Set<String> heartbeat(String owner) {
        return transaction("heartbeat", c -> {
            try (PreparedStatement s = c.prepareStatement("UPDATE trainings SET heartbeat = ? WHERE owner = ?"
                    + " AND status IN ('running', 'cancelling')")) {
                s.setTimestamp(1, time(TrainingRecord.now()));
                s.setString(2, owner);
                s.executeUpdate();
            }
            return cancelRequested(c, owner);
        });
    }

    @Override
    public Set<String> cancelRequests(String owner) {
        return run("read cancel requests", c -> cancelRequested(c, owner));
    }

    /** @return the trainings this owner runs for which a cancel was asked (possibly through another replica) */
    private static Set<String> cancelRequested(Connection c, String owner) throws SQLException {
        Set<String> cancelled = new HashSet<>();
        try (PreparedStatement s = c.prepareStatement("SELECT uuid FROM trainings WHERE owner = ?"
                + " AND status IN ('running', 'cancelling') AND cancel_requested")) {
            s.setString(1, owner);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    cancelled.add(rs.getString(1));
                }
            }
        }
        return cancelled;
    }

    @Override
    public void appendMetrics(String uuid, long firstSeq, long step, Map<String, Double> metrics) {
        if (metrics.isEmpty()) {
            return;
        }
        Timestamp now = time(TrainingRecord.now());
        transaction("append metrics of " + uuid, c -> {
            try (PreparedStatement s = c.prepareStatement("INSERT INTO metrics (uuid, seq, step, name, metric_value,"
                    + " reported_at) VALUES (?, ?, ?, ?, ?, ?)")) {
                long seq = firstSeq;
                for (Map.Entry<String, Double> metric : metrics.entrySet()) {
                    s.setString(1, uuid);
                    s.setLong(2, seq++);
                    s.setLong(3, step);
                    s.setString(4, metric.getKey());
                    if (metric.getValue() == null) {
                        s.setNull(5, java.sql.Types.DOUBLE);
                    } else {
                        s.setDouble(5, metric.getValue());
                    }
                    s.setTimestamp(6, now);
                    s.addBatch();
                }
                s.executeBatch();
            }
            return null;
        });
    }

    @Override
    public List<MetricPoint> metrics(String uuid, long afterSeq) {
        return run("read metrics of " + uuid, c -> {
            try (PreparedStatement s = c.prepareStatement("SELECT seq, step, name, metric_value, reported_at"
                    + " FROM metrics WHERE uuid = ? AND seq > ? ORDER BY seq")) {
                s.setString(1, uuid);
                s.setLong(2, afterSeq);
                List<MetricPoint> points = new ArrayList<>();
                try (ResultSet rs = s.executeQuery()) {
                    while (rs.next()) {
                        double value = rs.getDouble(4);
                        points.add(new MetricPoint(rs.getLong(1), rs.getLong(2), rs.getString(3),
                                rs.wasNull() ? null : value, instant(rs.getTimestamp(5))));
                    }
                }
                return points;
            }
        });
    }

    @Override
    public Map<String, Map<String, Double>> finalMetrics(String experiment) {
        return run("read final metrics of experiment " + experiment, c -> {
            try (PreparedStatement s = c.prepareStatement("SELECT m.uuid, m.name, m.metric_value FROM metrics m"
                    + " JOIN (SELECT x.uuid, x.name, MAX(x.seq) AS last_seq FROM metrics x"
                    + " JOIN trainings t ON t.uuid = x.uuid WHERE t.experiment = ? GROUP BY x.uuid, x.name) l"
                    + " ON m.uuid = l.uuid AND m.name = l.name AND m.seq = l.last_seq ORDER BY m.uuid, m.name")) {
                s.setString(1, experiment);
                Map<String, Map<String, Double>> last = new LinkedHashMap<>();
                try (ResultSet rs = s.executeQuery()) {
                    while (rs.next()) {
                        double value = rs.getDouble(3);
                        last.computeIfAbsent(rs.getString(1), k -> new LinkedHashMap<>())
                                .put(rs.getString(2), rs.wasNull() ? null : value);
                    }
                }
                return last;
            }
        });
    }

    @Override
    public void appendLog(String uuid, long seq, String line) {
        run("append a log line of " + uuid, c -> {
            try (PreparedStatement s = c.prepareStatement(
                    "INSERT INTO logs (uuid, seq, line, logged_at) VALUES (?, ?, ?, ?)")) {
                s.setString(1, uuid);
                s.setLong(2, seq);
                s.setString(3, line);
                s.setTimestamp(4, time(TrainingRecord.now()));
                s.executeUpdate();
            }
            return null;
        });
    }

    @Override
    public List<LogLine> logs(String uuid, long afterSeq) {
        return run("read logs of " + uuid, c -> {
            try (PreparedStatement s = c.prepareStatement(
                    "SELECT seq, line, logged_at FROM logs WHERE uuid = ? AND seq > ? ORDER BY seq")) {
                s.setString(1, uuid);
                s.setLong(2, afterSeq);
                List<LogLine> lines = new ArrayList<>();
                try (ResultSet rs = s.executeQuery()) {
                    while (rs.next()) {
                        lines.add(new LogLine(rs.getLong(1), rs.getString(2), instant(rs.getTimestamp(3))));
                    }
                }
                return lines;
            }
        });
    }

    @Override
    public boolean delete(String uuid) {
        return transaction("delete training " + uuid, c -> {
            for (String table : List.of("metrics", "logs")) {
                try (PreparedStatement s = c.prepareStatement("DELETE FROM " + table + " WHERE uuid = ?")) {
                    s.setString(1, uuid);
                    s.executeUpdate();
                }
            }
            try (PreparedStatement s = c.prepareStatement("DELETE FROM trainings WHERE uuid = ?")) {
                s.setString(1, uuid);
                return s.executeUpdate() == 1;
            }
        });
    }

    @Override
    public List<ExperimentGroup> experimentGroups() {
        return run("count experiments", c -> {
            try (PreparedStatement s = c.prepareStatement("SELECT experiment, model, status, COUNT(*),"
                    + " MAX(created_at) FROM trainings WHERE experiment IS NOT NULL"
                    + " GROUP BY experiment, model, status ORDER BY experiment, model, status")) {
                List<ExperimentGroup> groups = new ArrayList<>();
                try (ResultSet rs = s.executeQuery()) {
                    while (rs.next()) {
                        groups.add(new ExperimentGroup(rs.getString(1), rs.getString(2),
                                TrainingStatus.of(rs.getString(3)), rs.getLong(4), instant(rs.getTimestamp(5))));
                    }
                }
                return groups;
            }
        });
    }

    @Override
    public void close() {
        database.close();
    }

    private Optional<TrainingRecord> find(Connection c, String uuid) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT " + COLUMNS + " FROM trainings WHERE uuid = ?")) {
            s.setString(1, uuid);
            return records(s).stream().findFirst();
        }
    }

    private List<TrainingRecord> records(PreparedStatement s) throws SQLException {
        List<TrainingRecord> records = new ArrayList<>();
        try (ResultSet rs = s.executeQuery()) {
            while (rs.next()) {
                Map<String, Double> latest = read(rs.getString("progress_metrics"), METRICS);
                long step = rs.getLong("progress_step");
                long total = rs.getLong("progress_total");
                Progress progress = Progress.NONE.at(step, total).withMetrics(latest);
                records.add(new TrainingRecord(rs.getString("uuid"), rs.getString("model"), rs.getString("experiment"),
                        instant(rs.getTimestamp("created_at")), read(rs.getString("args"), OBJECT),
                        TrainingStatus.of(rs.getString("status")), progress, read(rs.getString("result"), OBJECT),
                        rs.getString("message"), instant(rs.getTimestamp("started_at")),
                        instant(rs.getTimestamp("finished_at")), rs.getString("retry_of")));
            }
        }
        return records;
    }

    private String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("cannot store as JSON: " + e.getOriginalMessage(), e);
        }
    }

    private <T> T read(String text, TypeReference<T> type) {
        if (text == null) {
            return null;
        }
        try {
            return json.readValue(text, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("the training database holds invalid JSON: " + e.getOriginalMessage(), e);
        }
    }

    private static Timestamp time(Instant instant) {
        return instant == null ? null : Timestamp.from(instant);
    }

    private static Instant instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }

    private interface Work<T> {
        T apply(Connection connection) throws SQLException;
    }

    private <T> T run(String what, Work<T> work) {
        try (Connection c = database.connection()) {
            return work.apply(c);
        } catch (SQLException e) {
            throw new TrainingStoreException("cannot " + what + ": " + e.getMessage(), e);
        }
    }

    private <T> T transaction(String what, Work<T> work) {
        return run(what, c -> {
            c.setAutoCommit(false);
            try {
                T result = work.apply(c);
                c.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(true);
            }
        });
    }
}
