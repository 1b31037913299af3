package io.jdeepaas.runtime.auth;

import io.jdeepaas.runtime.training.jdbc.Database;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps every state-changing call in the {@code audit} table and writes it to the {@code audit}
 * logger (one line: who, what, which model and training, outcome), so it can also be shipped with
 * the logs. A failure to write the row is logged, never answered to the caller.
 */
public final class AuditTrail {

    private static final Logger AUDIT = LoggerFactory.getLogger("audit");
    private static final Logger LOG = LoggerFactory.getLogger(AuditTrail.class);

    private final Database database;

    public AuditTrail(Database database) {
        this.database = database;
    }

    /**
     * What to list.
     *
     * @param who only this caller, or {@code null}
     * @param action only this action, or {@code null}
     * @param model only this model, or {@code null}
     * @param since only entries at or after this time, or {@code null}
     * @param limit at most this many, newest first
     */
    public record Filter(String who, String action, String model, Instant since, int limit) {
    }

    /** Records one call. */
    public void record(AuditEntry entry) {
        AUDIT.info("who={} action={} model={} training={} status={}{}", entry.who(), entry.action(),
                entry.model() == null ? "-" : entry.model(), entry.training() == null ? "-" : entry.training(),
                entry.status(), entry.detail() == null ? "" : " detail=" + entry.detail());
        try (Connection c = database.connection();
             PreparedStatement s = c.prepareStatement("INSERT INTO audit (at, who, action, model, training, status, "
                     + "detail) VALUES (?, ?, ?, ?, ?, ?, ?)")) {
            s.setTimestamp(1, Timestamp.from(entry.at()));
            s.setString(2, entry.who());
            s.setString(3, entry.action());
            s.setString(4, entry.model());
            s.setString(5, entry.training());
            s.setInt(6, entry.status());
            s.setString(7, entry.detail() == null ? null : entry.detail().substring(0,
                    Math.min(1000, entry.detail().length())));
            s.executeUpdate();
        } catch (SQLException e) {
            LOG.error("cannot write the audit row of {} by {}: {}", entry.action(), entry.who(), e.getMessage());
        }
    }

    /** @return the entries that match, newest first */
    public List<AuditEntry> list(Filter filter) {
        StringBuilder sql = new StringBuilder("SELECT at, who, action, model, training, status, detail FROM audit "
                + "WHERE 1 = 1");
        List<Object> values = new ArrayList<>();
        if (filter.who() != null) {
            sql.append(" AND who = ?");
            values.add(filter.who());
        }
        if (filter.action() != null) {
            sql.append(" AND action = ?");
            values.add(filter.action());
        }
        if (filter.model() != null) {
            sql.append(" AND model = ?");
            values.add(filter.model());
        }
        if (filter.since() != null) {
            sql.append(" AND at >= ?");
            values.add(Timestamp.from(filter.since()));
        }
        sql.append(" ORDER BY id DESC");
        try (Connection c = database.connection(); PreparedStatement s = c.prepareStatement(sql.toString())) {
            for (int i = 0; i < values.size(); i++) {
                s.setObject(i + 1, values.get(i));
            }
            s.setMaxRows(filter.limit());
            try (ResultSet r = s.executeQuery()) {
                List<AuditEntry> entries = new ArrayList<>();
                while (r.next()) {
                    entries.add(new AuditEntry(r.getTimestamp("at").toInstant(), r.getString("who"),
                            r.getString("action"), r.getString("model"), r.getString("training"), r.getInt("status"),
                            r.getString("detail")));
                }
                return entries;
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the audit trail: " + e.getMessage(), e);
        }
    }
}
