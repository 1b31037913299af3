package io.jdeepaas.runtime.training.jdbc;

import static io.jdeepaas.runtime.training.jdbc.TrainingRows.time;

import io.jdeepaas.runtime.training.TrainingRecord;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * How replicas sharing the database coordinate the trainings they run: each refreshes a heartbeat
 * on its running trainings (its lease), reads the cancels asked through other replicas, and
 * interrupts the trainings of a replica whose lease ran out.
 */
final class JdbcReplicaLeases {

    private final Database database;
    private final TrainingRows rows;

    JdbcReplicaLeases(Database database, TrainingRows rows) {
        this.database = database;
        this.rows = rows;
    }

    List<TrainingRecord> interruptStale(Instant heartbeatBefore, String message) {
        return database.transaction("interrupt stale trainings", c -> {
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
                rows.find(c, uuid).ifPresent(interrupted::add);
            }
            return interrupted;
        });
    }

    Set<String> heartbeat(String owner) {
        return database.transaction("heartbeat", c -> {
            try (PreparedStatement s = c.prepareStatement("UPDATE trainings SET heartbeat = ? WHERE owner = ?"
                    + " AND status IN ('running', 'cancelling')")) {
                s.setTimestamp(1, time(TrainingRecord.now()));
                s.setString(2, owner);
                s.executeUpdate();
            }
            return cancelRequested(c, owner);
        });
    }

    Set<String> cancelRequests(String owner) {
        return database.run("read cancel requests", c -> cancelRequested(c, owner));
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
}
