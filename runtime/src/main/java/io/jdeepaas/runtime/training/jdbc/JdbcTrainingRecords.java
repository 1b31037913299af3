package io.jdeepaas.runtime.training.jdbc;

import static io.jdeepaas.runtime.training.jdbc.TrainingRows.COLUMNS;
import static io.jdeepaas.runtime.training.jdbc.TrainingRows.NOT_ENDED;
import static io.jdeepaas.runtime.training.jdbc.TrainingRows.time;

import io.jdeepaas.runtime.training.TrainingFilter;
import io.jdeepaas.runtime.training.TrainingRecord;
import io.jdeepaas.runtime.training.TrainingStatus;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The training records themselves: insert, conditional update, read, list, count and delete. An
 * update only ever touches a training that has not ended, so an ended training never changes.
 */
final class JdbcTrainingRecords {

    private final Database database;
    private final TrainingRows rows;

    JdbcTrainingRecords(Database database, TrainingRows rows) {
        this.database = database;
        this.rows = rows;
    }

    void insert(TrainingRecord r) {
        database.run("insert training " + r.uuid(), c -> {
            try (PreparedStatement s = c.prepareStatement("INSERT INTO trainings (" + COLUMNS
                    + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                s.setString(1, r.uuid());
                s.setString(2, r.model());
                s.setString(3, r.experiment());
                s.setString(4, rows.write(r.args()));
                s.setString(5, r.status().label());
                s.setLong(6, r.progress().step());
                s.setLong(7, r.progress().total());
                s.setString(8, rows.write(r.progress().metrics()));
                s.setString(9, r.result() == null ? null : rows.write(r.result()));
                s.setString(10, r.message());
                s.setTimestamp(11, time(r.date()));
                s.setTimestamp(12, time(r.started()));
                s.setTimestamp(13, time(r.finished()));
                s.setString(14, r.retryOf());
                s.setString(15, r.owner());
                s.executeUpdate();
            }
            return null;
        });
    }

    boolean update(TrainingRecord r) {
        return database.run("update training " + r.uuid(), c -> update(c, r));
    }

    /** Saves a record's next state on the caller's connection; false when it had ended or is gone. */
    boolean update(Connection c, TrainingRecord r) throws SQLException {
        // a running training whose cancel was asked (maybe through another replica) stays 'cancelling'
        try (PreparedStatement s = c.prepareStatement("UPDATE trainings SET status = CASE WHEN cancel_requested"
                + " AND ? = 'running' THEN 'cancelling' ELSE ? END, progress_step = ?,"
                + " progress_total = ?, progress_metrics = ?, result = ?, message = ?, started_at = ?,"
                + " finished_at = ? WHERE uuid = ? AND status IN " + NOT_ENDED)) {
            s.setString(1, r.status().label());
            s.setString(2, r.status().label());
            s.setLong(3, r.progress().step());
            s.setLong(4, r.progress().total());
            s.setString(5, rows.write(r.progress().metrics()));
            s.setString(6, r.result() == null ? null : rows.write(r.result()));
            s.setString(7, r.message());
            s.setTimestamp(8, time(r.started()));
            s.setTimestamp(9, time(r.finished()));
            s.setString(10, r.uuid());
            return s.executeUpdate() == 1;
        }
    }

    Optional<TrainingRecord> find(String uuid) {
        return database.run("read training " + uuid, c -> rows.find(c, uuid));
    }

    List<TrainingRecord> list(TrainingFilter filter) {
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
        if (filter.owner() != null) {
            sql.append(" AND owned_by = ?");
            values.add(filter.owner());
        }
        sql.append(" ORDER BY created_at DESC, uuid");
        return database.run("list trainings", c -> {
            try (PreparedStatement s = c.prepareStatement(sql.toString())) {
                for (int i = 0; i < values.size(); i++) {
                    s.setString(i + 1, values.get(i));
                }
                return rows.records(s);
            }
        });
    }

    Map<TrainingStatus, Long> countByStatus() {
        return database.run("count trainings by status", c -> {
            Map<TrainingStatus, Long> counts = new EnumMap<>(TrainingStatus.class);
            try (PreparedStatement s = c.prepareStatement("SELECT status, COUNT(*) FROM trainings GROUP BY status");
                 ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    counts.put(TrainingStatus.of(rs.getString(1)), rs.getLong(2));
                }
            }
            return counts;
        });
    }

    /** Removes a training with its metrics and logs. */
    boolean delete(String uuid) {
        return database.transaction("delete training " + uuid, c -> {
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
}
