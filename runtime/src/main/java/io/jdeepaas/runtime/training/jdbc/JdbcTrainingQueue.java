package io.jdeepaas.runtime.training.jdbc;

import static io.jdeepaas.runtime.training.jdbc.TrainingRows.NOT_ENDED;
import static io.jdeepaas.runtime.training.jdbc.TrainingRows.time;

import io.jdeepaas.runtime.training.TrainingRecord;
import io.jdeepaas.runtime.training.TrainingStore.Claim;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.Collection;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The queue, which lives in the {@code trainings} table: counting waiting trainings, claiming the
 * oldest one ({@code FOR UPDATE SKIP LOCKED}, so replicas never claim one twice), and cancelling.
 */
final class JdbcTrainingQueue {

    private final Database database;
    private final TrainingRows rows;

    JdbcTrainingQueue(Database database, TrainingRows rows) {
        this.database = database;
        this.rows = rows;
    }

    long countQueued(String model) {
        return database.run("count queued trainings", c -> {
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

    Optional<Claim> claimNextQueued(Collection<String> models, String owner) {
        if (models.isEmpty()) {
            return Optional.empty();
        }
        String in = models.stream().map(m -> "?").collect(Collectors.joining(", "));
        return database.transaction("claim a queued training", c -> {
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
            return rows.find(c, uuid).map(r -> new Claim(r, cancelRequested));
        });
    }

    void requestCancel(String uuid) {
        database.run("request cancel of " + uuid, c -> {
            try (PreparedStatement s = c.prepareStatement("UPDATE trainings SET cancel_requested = TRUE, status ="
                    + " CASE WHEN status = 'running' THEN 'cancelling' ELSE status END"
                    + " WHERE uuid = ? AND status IN " + NOT_ENDED)) {
                s.setString(1, uuid);
                s.executeUpdate();
            }
            return null;
        });
    }

    Optional<TrainingRecord> cancelQueued(String uuid, String message) {
        return database.transaction("cancel queued training " + uuid, c -> {
            try (PreparedStatement s = c.prepareStatement("UPDATE trainings SET status = 'cancelled', message = ?,"
                    + " finished_at = ? WHERE uuid = ? AND status = 'queued'")) {
                s.setString(1, message);
                s.setTimestamp(2, time(TrainingRecord.now()));
                s.setString(3, uuid);
                if (s.executeUpdate() != 1) {
                    return Optional.empty();
                }
            }
            return rows.find(c, uuid);
        });
    }
}
