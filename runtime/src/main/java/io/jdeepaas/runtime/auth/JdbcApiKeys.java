package io.jdeepaas.runtime.auth;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.jdeepaas.runtime.training.jdbc.Database;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * API keys in the runtime's database (table {@code api_keys}): created, listed, revoked, and looked
 * up by hash. A checked key is remembered for 10 s and its last use written at most once a minute,
 * so a busy machine client does not cost a database query per request; a key revoked here stops
 * working at once, one revoked through another replica within 10 s.
 */
public final class JdbcApiKeys {

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,99}");
    private static final Duration TOUCH_EVERY = Duration.ofMinutes(1);

    private final Database database;
    private final ConcurrentHashMap<String, Instant> touched = new ConcurrentHashMap<>();
    /** Recently checked keys by hash, so a busy client is not a database query per request. */
    private final Cache<String, Optional<Identity>> recent = Caffeine.newBuilder().maximumSize(10_000)
            .expireAfterWrite(Duration.ofSeconds(10)).build();

    public JdbcApiKeys(Database database) {
        this.database = database;
    }

    /**
     * Creates a key.
     *
     * @param name its unique name
     * @param roles what it may do (at least one)
     * @param createdBy who creates it
     * @return the key itself: the only time it is shown
     * @throws IllegalArgumentException when the name is malformed or taken, or no role is given
     */
    public String create(String name, Set<Role> roles, String createdBy) {
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("a key's name is 1 to 100 letters, digits, '.', '_' or '-', "
                    + "starting with a letter or digit; got '" + name + "'");
        }
        if (roles.isEmpty()) {
            throw new IllegalArgumentException("give the key at least one role: read, predict, train or admin");
        }
        String key = ApiKeys.generate();
        try (Connection c = database.connection();
             PreparedStatement s = c.prepareStatement("INSERT INTO api_keys (name, key_hash, roles, created_at, "
                     + "created_by) VALUES (?, ?, ?, ?, ?)")) {
            if (find(c, name).isPresent()) {
                throw new IllegalArgumentException("a key named '" + name + "' exists; revoke it first or "
                        + "choose another name");
            }
            s.setString(1, name);
            s.setString(2, ApiKeys.hash(key));
            s.setString(3, roles.stream().map(Role::label).sorted().collect(Collectors.joining(",")));
            s.setTimestamp(4, Timestamp.from(Instant.now()));
            s.setString(5, createdBy);
            s.executeUpdate();
            return key;
        } catch (SQLException e) {
            throw new IllegalStateException("cannot store API key '" + name + "': " + e.getMessage(), e);
        }
    }

    /** @return every key, by name */
    public List<ApiKey> list() {
        try (Connection c = database.connection();
             PreparedStatement s = c.prepareStatement("SELECT name, roles, created_at, created_by, last_used_at "
                     + "FROM api_keys ORDER BY name");
             ResultSet r = s.executeQuery()) {
            List<ApiKey> keys = new ArrayList<>();
            while (r.next()) {
                keys.add(read(r));
            }
            return keys;
        } catch (SQLException e) {
            throw new IllegalStateException("cannot list API keys: " + e.getMessage(), e);
        }
    }

    /** @return whether a key of that name existed and is now revoked */
    public boolean revoke(String name) {
        try (Connection c = database.connection();
             PreparedStatement s = c.prepareStatement("DELETE FROM api_keys WHERE name = ?")) {
            s.setString(1, name);
            boolean revoked = s.executeUpdate() > 0;
            recent.invalidateAll();
            return revoked;
        } catch (SQLException e) {
            throw new IllegalStateException("cannot revoke API key '" + name + "': " + e.getMessage(), e);
        }
    }

    /**
     * @param key a key as a caller sent it
     * @return the caller, when the key is known; its last use is recorded
     */
    public Optional<Identity> identify(String key) {
        String hash = ApiKeys.hash(key);
        return recent.get(hash, this::lookUp);
    }

    private Optional<Identity> lookUp(String hash) {
        try (Connection c = database.connection();
             PreparedStatement s = c.prepareStatement("SELECT name, roles, created_at, created_by, last_used_at "
                     + "FROM api_keys WHERE key_hash = ?")) {
            s.setString(1, hash);
            try (ResultSet r = s.executeQuery()) {
                if (!r.next()) {
                    return Optional.empty();
                }
                ApiKey found = read(r);
                touch(c, found.name());
                return Optional.of(new Identity(Identity.Kind.API_KEY, found.name(), "", found.roles()));
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot check an API key: " + e.getMessage(), e);
        }
    }

    private void touch(Connection c, String name) throws SQLException {
        Instant now = Instant.now();
        Instant last = touched.get(name);
        if (last != null && Duration.between(last, now).compareTo(TOUCH_EVERY) < 0) {
            return;
        }
        touched.put(name, now);
        try (PreparedStatement s = c.prepareStatement("UPDATE api_keys SET last_used_at = ? WHERE name = ?")) {
            s.setTimestamp(1, Timestamp.from(now));
            s.setString(2, name);
            s.executeUpdate();
        }
    }

    private static Optional<ApiKey> find(Connection c, String name) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT name, roles, created_at, created_by, last_used_at "
                + "FROM api_keys WHERE name = ?")) {
            s.setString(1, name);
            try (ResultSet r = s.executeQuery()) {
                return r.next() ? Optional.of(read(r)) : Optional.empty();
            }
        }
    }

    private static ApiKey read(ResultSet r) throws SQLException {
        Timestamp used = r.getTimestamp("last_used_at");
        return new ApiKey(r.getString("name"), Role.parseList(r.getString("roles")),
                r.getTimestamp("created_at").toInstant(), r.getString("created_by") == null ? ""
                : r.getString("created_by"), used == null ? null : used.toInstant());
    }
}
