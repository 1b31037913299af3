package io.jdeepaas.runtime.training.jdbc;

import static io.jdeepaas.runtime.training.jdbc.TrainingRows.instant;
import static io.jdeepaas.runtime.training.jdbc.TrainingRows.time;

import io.jdeepaas.runtime.training.LogLine;
import io.jdeepaas.runtime.training.MetricPoint;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;

/**
 * What trainings report besides their progress: the metric values ({@code metrics} table) and log
 * lines ({@code logs} table), each numbered within its training. Appended in batches (one JDBC
 * batch per table), read in order from a sequence number on, so a follower resumes where it was.
 */
final class JdbcTrainingOutputs {

    private final Database database;

    JdbcTrainingOutputs(Database database) {
        this.database = database;
    }

    /** Appends metric values and log lines of one training on the caller's connection. */
    void append(Connection c, String uuid, List<MetricPoint> metrics, List<LogLine> logs) throws SQLException {
        if (!metrics.isEmpty()) {
            try (PreparedStatement s = c.prepareStatement("INSERT INTO metrics (uuid, seq, step, name, metric_value,"
                    + " reported_at) VALUES (?, ?, ?, ?, ?, ?)")) {
                for (MetricPoint point : metrics) {
                    s.setString(1, uuid);
                    s.setLong(2, point.seq());
                    s.setLong(3, point.step());
                    s.setString(4, point.name());
                    if (point.value() == null) {
                        s.setNull(5, Types.DOUBLE);
                    } else {
                        s.setDouble(5, point.value());
                    }
                    s.setTimestamp(6, time(point.time()));
                    s.addBatch();
                }
                s.executeBatch();
            }
        }
        if (!logs.isEmpty()) {
            try (PreparedStatement s = c.prepareStatement(
                    "INSERT INTO logs (uuid, seq, line, logged_at) VALUES (?, ?, ?, ?)")) {
                for (LogLine line : logs) {
                    s.setString(1, uuid);
                    s.setLong(2, line.seq());
                    s.setString(3, line.line());
                    s.setTimestamp(4, time(line.time()));
                    s.addBatch();
                }
                s.executeBatch();
            }
        }
    }

    List<MetricPoint> metrics(String uuid, long afterSeq) {
        return database.run("read metrics of " + uuid, c -> {
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

    List<LogLine> logs(String uuid, long afterSeq) {
        return database.run("read logs of " + uuid, c -> {
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
}
