package io.jdeepaas.runtime.versions;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.jdeepaas.runtime.training.jdbc.Database;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The {@code model_versions} and {@code model_aliases} tables (migration {@code V30}), on H2 or
 * PostgreSQL. A version number is one more than the highest ever given to the model (deleted
 * versions keep their row); the primary key refuses a number two replicas chose at once, and the
 * loser takes the next one.
 */
public final class JdbcVersions {

    private static final String COLUMNS = "model, version, source, training, args, metrics, files, created_at, "
            + "registered_by";

    private final Database database;
    private final ObjectMapper json;

    public JdbcVersions(Database database, ObjectMapper json) {
        this.database = database;
        this.json = json;
    }

    /** What a new version is made of; its number is given when it is inserted. */
    record NewVersion(String model, VersionSource source, String training, Map<String, Object> args,
                      Map<String, Object> metrics, List<VersionFile> files, String registeredBy) {
    }

    /**
     * Inserts a version with the next free number.
     *
     * @return the stored record (without aliases)
     */
    ModelVersionRecord insert(NewVersion v) {
        for (int attempt = 1; ; attempt++) {
            int number = database.run("number a version of " + v.model(), c -> next(c, v.model()));
            try {
                return database.run("register version " + number + " of " + v.model(), c -> insert(c, v, number));
            } catch (RuntimeException e) {
                if (attempt == 5) {
                    throw e; // not a race on the number: a real failure
                }
            }
        }
    }

    private static int next(Connection c, String model) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT MAX(version) FROM model_versions WHERE model = ?")) {
            s.setString(1, model);
            try (ResultSet r = s.executeQuery()) {
                return r.next() ? r.getInt(1) + 1 : 1;
            }
        }
    }

    /** @return whether the model has, or had (deleted), a version with that number */
    boolean known(String model, int number) {
        return database.run("look up version " + number + " of " + model, c -> find(c, model, number, true))
                .isPresent();
    }

    /**
     * Inserts a version with a given number, unless the model already has one with that number.
     *
     * @return whether it was inserted
     */
    boolean insertIfAbsent(NewVersion v, int number) {
        return database.run("register version " + number + " of " + v.model(), c -> {
            if (find(c, v.model(), number, true).isPresent()) {
                return false;
            }
            try {
                insert(c, v, number);
                return true;
            } catch (SQLException e) {
                if (find(c, v.model(), number, true).isPresent()) {
                    return false; // another replica inserted it meanwhile
                }
                throw e;
            }
        });
    }

    private ModelVersionRecord insert(Connection c, NewVersion v, int number) throws SQLException {
        Instant now = Instant.now().truncatedTo(java.time.temporal.ChronoUnit.MICROS);
        try (PreparedStatement s = c.prepareStatement("INSERT INTO model_versions (" + COLUMNS
                + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            s.setString(1, v.model());
            s.setInt(2, number);
            s.setString(3, v.source().label());
            s.setString(4, v.training());
            s.setString(5, v.args() == null ? null : write(v.args()));
            s.setString(6, write(v.metrics() == null ? Map.of() : v.metrics()));
            s.setString(7, write(v.files()));
            s.setTimestamp(8, Timestamp.from(now));
            s.setString(9, v.registeredBy() == null ? "" : v.registeredBy());
            s.executeUpdate();
        }
        return new ModelVersionRecord(v.model(), number, v.source().label(), v.training(), v.args(),
                v.metrics() == null ? Map.of() : v.metrics(), v.files(), now, v.registeredBy() == null ? ""
                : v.registeredBy(), List.of());
    }

    /** @return the model's versions that are not deleted, newest first (without aliases) */
    List<ModelVersionRecord> list(String model) {
        return database.run("list the versions of " + model, c -> {
            try (PreparedStatement s = c.prepareStatement("SELECT " + COLUMNS + " FROM model_versions WHERE model = ?"
                    + " AND deleted_at IS NULL ORDER BY version DESC")) {
                s.setString(1, model);
                try (ResultSet r = s.executeQuery()) {
                    List<ModelVersionRecord> all = new ArrayList<>();
                    while (r.next()) {
                        all.add(read(r));
                    }
                    return all;
                }
            }
        });
    }

    /** @return one version that is not deleted (without aliases) */
    Optional<ModelVersionRecord> find(String model, int number) {
        return database.run("read version " + number + " of " + model, c -> find(c, model, number, false));
    }

    private Optional<ModelVersionRecord> find(Connection c, String model, int number, boolean deletedToo)
            throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT " + COLUMNS + " FROM model_versions WHERE model = ?"
                + " AND version = ?" + (deletedToo ? "" : " AND deleted_at IS NULL"))) {
            s.setString(1, model);
            s.setInt(2, number);
            try (ResultSet r = s.executeQuery()) {
                return r.next() ? Optional.of(read(r)) : Optional.empty();
            }
        }
    }

    /**
     * Marks a version deleted, unless an alias points at it (checked in the same transaction).
     *
     * @return the aliases pointing at it (nothing deleted), or empty when it was deleted
     */
    List<String> delete(String model, int number) {
        return database.transaction("delete version " + number + " of " + model, c -> {
            List<String> pointing = aliasesOf(c, model).entrySet().stream().filter(e -> e.getValue() == number)
                    .map(Map.Entry::getKey).toList();
            if (!pointing.isEmpty()) {
                return pointing;
            }
            try (PreparedStatement s = c.prepareStatement("UPDATE model_versions SET deleted_at = ? WHERE model = ?"
                    + " AND version = ?")) {
                s.setTimestamp(1, Timestamp.from(Instant.now()));
                s.setString(2, model);
                s.setInt(3, number);
                s.executeUpdate();
            }
            return List.of();
        });
    }

    /** @return the model's aliases and the version each points at, by alias name */
    Map<String, Integer> aliases(String model) {
        return database.run("read the aliases of " + model, c -> aliasesOf(c, model));
    }

    private static Map<String, Integer> aliasesOf(Connection c, String model) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT alias, version FROM model_aliases WHERE model = ?")) {
            s.setString(1, model);
            try (ResultSet r = s.executeQuery()) {
                Map<String, Integer> all = new TreeMap<>();
                while (r.next()) {
                    all.put(r.getString(1), r.getInt(2));
                }
                return all;
            }
        }
    }

    /** @return every model's {@code production} version, by model name (what replicas compare) */
    Map<String, Integer> productions() {
        return database.run("read the production versions", c -> {
            try (PreparedStatement s = c.prepareStatement("SELECT model, version FROM model_aliases WHERE alias = ?")) {
                s.setString(1, VersionService.PRODUCTION);
                try (ResultSet r = s.executeQuery()) {
                    Map<String, Integer> all = new LinkedHashMap<>();
                    while (r.next()) {
                        all.put(r.getString(1), r.getInt(2));
                    }
                    return all;
                }
            }
        });
    }

    /** Points an alias at a version (made or moved). */
    void setAlias(String model, String alias, int number, String who) {
        database.transaction("set alias " + alias + " of " + model, c -> {
            Timestamp now = Timestamp.from(Instant.now());
            int updated;
            try (PreparedStatement s = c.prepareStatement("UPDATE model_aliases SET version = ?, updated_at = ?,"
                    + " updated_by = ? WHERE model = ? AND alias = ?")) {
                s.setInt(1, number);
                s.setTimestamp(2, now);
                s.setString(3, who);
                s.setString(4, model);
                s.setString(5, alias);
                updated = s.executeUpdate();
            }
            if (updated == 0) {
                try (PreparedStatement s = c.prepareStatement("INSERT INTO model_aliases (model, alias, version,"
                        + " updated_at, updated_by) VALUES (?, ?, ?, ?, ?)")) {
                    s.setString(1, model);
                    s.setString(2, alias);
                    s.setInt(3, number);
                    s.setTimestamp(4, now);
                    s.setString(5, who);
                    s.executeUpdate();
                }
            }
            return null;
        });
    }

    /** @return whether the alias existed */
    boolean removeAlias(String model, String alias) {
        return database.run("remove alias " + alias + " of " + model, c -> {
            try (PreparedStatement s = c.prepareStatement("DELETE FROM model_aliases WHERE model = ? AND alias = ?")) {
                s.setString(1, model);
                s.setString(2, alias);
                return s.executeUpdate() > 0;
            }
        });
    }

    /** @return every model's split, by model name */
    Map<String, Split> splits() {
        return database.run("read the canary splits", c -> {
            try (PreparedStatement s = c.prepareStatement("SELECT model, alias, percent FROM model_splits");
                 ResultSet r = s.executeQuery()) {
                Map<String, Split> all = new LinkedHashMap<>();
                while (r.next()) {
                    all.put(r.getString(1), new Split(r.getString(2), r.getInt(3)));
                }
                return all;
            }
        });
    }

    /** Sets a model's split, replacing any other. */
    void setSplit(String model, Split split, String who) {
        database.transaction("set the split of " + model, c -> {
            try (PreparedStatement s = c.prepareStatement("DELETE FROM model_splits WHERE model = ?")) {
                s.setString(1, model);
                s.executeUpdate();
            }
            try (PreparedStatement s = c.prepareStatement("INSERT INTO model_splits (model, alias, percent, updated_at,"
                    + " updated_by) VALUES (?, ?, ?, ?, ?)")) {
                s.setString(1, model);
                s.setString(2, split.alias());
                s.setInt(3, split.percent());
                s.setTimestamp(4, Timestamp.from(Instant.now()));
                s.setString(5, who);
                s.executeUpdate();
            }
            return null;
        });
    }

    /** @return whether the model had a split */
    boolean removeSplit(String model) {
        return database.run("remove the split of " + model, c -> {
            try (PreparedStatement s = c.prepareStatement("DELETE FROM model_splits WHERE model = ?")) {
                s.setString(1, model);
                return s.executeUpdate() > 0;
            }
        });
    }

    /** @return who started a training, as the audit trail recorded it, or empty when unknown */
    String trainingRequester(String uuid) {
        return database.run("read who started training " + uuid, c -> {
            try (PreparedStatement s = c.prepareStatement("SELECT who FROM audit WHERE training = ? AND action IN"
                    + " ('train.start', 'train.retry') ORDER BY id")) {
                s.setString(1, uuid);
                s.setMaxRows(1);
                try (ResultSet r = s.executeQuery()) {
                    String who = r.next() ? r.getString(1) : "";
                    return who.equals("anonymous") || who.equals("unauthenticated") ? "" : who; // as Identity.owner()
                }
            }
        });
    }

    private ModelVersionRecord read(ResultSet r) throws SQLException {
        return new ModelVersionRecord(r.getString("model"), r.getInt("version"), r.getString("source"),
                r.getString("training"), read(r.getString("args"), new TypeReference<Map<String, Object>>() { }),
                read(r.getString("metrics"), new TypeReference<Map<String, Object>>() { }),
                read(r.getString("files"), new TypeReference<List<VersionFile>>() { }),
                r.getTimestamp("created_at").toInstant(), r.getString("registered_by"), List.of());
    }

    private <T> T read(String text, TypeReference<T> type) throws SQLException {
        if (text == null) {
            return null;
        }
        try {
            return json.readValue(text, type);
        } catch (JsonProcessingException e) {
            throw new SQLException("unreadable JSON in the versions table: " + e.getOriginalMessage(), e);
        }
    }

    private String write(Object value) throws SQLException {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new SQLException("cannot write as JSON: " + e.getOriginalMessage(), e);
        }
    }
}
