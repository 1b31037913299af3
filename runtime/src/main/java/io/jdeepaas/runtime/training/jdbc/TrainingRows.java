package io.jdeepaas.runtime.training.jdbc;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.jdeepaas.runtime.training.Progress;
import io.jdeepaas.runtime.training.TrainingRecord;
import io.jdeepaas.runtime.training.TrainingStatus;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The {@code trainings} table's rows as {@link TrainingRecord}s, and the conversions every JDBC class
 * of the store shares (JSON columns, timestamps).
 */
final class TrainingRows {

    static final String COLUMNS = "uuid, model, experiment, args, status, progress_step, progress_total,"
            + " progress_metrics, result, message, created_at, started_at, finished_at, retry_of, owned_by";
    /** The statuses of a training that has not ended, as an SQL list. */
    static final String NOT_ENDED = "('queued', 'running', 'cancelling')";
    private static final TypeReference<Map<String, Object>> OBJECT = new TypeReference<>() {
    };
    private static final TypeReference<Map<String, Double>> METRICS = new TypeReference<>() {
    };

    private final ObjectMapper json;

    TrainingRows(ObjectMapper json) {
        this.json = json;
    }

    /** @return one record, read on the given connection (inside the caller's transaction) */
    Optional<TrainingRecord> find(Connection c, String uuid) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT " + COLUMNS + " FROM trainings WHERE uuid = ?")) {
            s.setString(1, uuid);
            return records(s).stream().findFirst();
        }
    }

    /** @return the records a query of {@link #COLUMNS} selects */
    List<TrainingRecord> records(PreparedStatement s) throws SQLException {
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
                        instant(rs.getTimestamp("finished_at")), rs.getString("retry_of"), rs.getString("owned_by")));
            }
        }
        return records;
    }

    /** @return a value as a JSON column */
    String write(Object value) {
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

    static Timestamp time(Instant instant) {
        return instant == null ? null : Timestamp.from(instant);
    }

    static Instant instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }
}
