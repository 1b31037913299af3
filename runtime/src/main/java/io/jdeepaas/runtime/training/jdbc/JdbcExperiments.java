package io.jdeepaas.runtime.training.jdbc;

import static io.jdeepaas.runtime.training.jdbc.TrainingRows.instant;

import io.jdeepaas.runtime.training.TrainingStatus;
import io.jdeepaas.runtime.training.TrainingStore.ExperimentGroup;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The queries behind experiments: trainings counted by experiment, and each run's last metric values. */
final class JdbcExperiments {

    private final Database database;

    JdbcExperiments(Database database) {
        this.database = database;
    }

    List<ExperimentGroup> experimentGroups(String owner) {
        return database.run("count experiments", c -> {
            try (PreparedStatement s = c.prepareStatement("SELECT experiment, model, status, COUNT(*),"
                    + " MAX(created_at) FROM trainings WHERE experiment IS NOT NULL"
                    + (owner == null ? "" : " AND owned_by = ?")
                    + " GROUP BY experiment, model, status ORDER BY experiment, model, status")) {
                if (owner != null) {
                    s.setString(1, owner);
                }
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

    Map<String, Map<String, Double>> finalMetrics(String experiment) {
        return database.run("read final metrics of experiment " + experiment, c -> {
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
}
