package io.jdeepaas.runtime.training.jdbc;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.jdeepaas.runtime.config.DatabaseConfig;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Map;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The training database, opened and migrated: a small HikariCP pool over either an embedded H2 file
 * under the data folder (the default) or a PostgreSQL server.
 *
 * <p>Why H2 rather than SQLite for the embedded default: H2 is pure Java (no native library to
 * extract, nothing platform-specific in the jar), it accepts the same SQL we send to PostgreSQL
 * (timestamps with time zone, {@code SELECT ... FOR UPDATE SKIP LOCKED}, {@code ON DELETE CASCADE}),
 * so one store class and one set of migrations serve both, and its MVCC engine lets the training
 * threads write while HTTP threads read. SQLite would need its JNI library and serialises every
 * writer behind one file lock. The H2 file is opened by one process at a time
 * ({@code AUTO_SERVER=FALSE}): two runtimes on one data folder are refused at start-up, and
 * several replicas share a PostgreSQL server instead.
 *
 * <p>Migrations are versioned with Flyway ({@code V1__trainings.sql}, ...) and run at every start,
 * for both databases.
 */
public final class Database implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Database.class);
    private static final String MIGRATIONS = "classpath:io/jdeepaas/runtime/db";

    private final HikariDataSource pool;
    private final boolean embedded;

    private Database(HikariDataSource pool, boolean embedded) {
        this.pool = pool;
        this.embedded = embedded;
    }

    /**
     * Connects and brings the schema up to date.
     *
     * @param config the configured database
     * @param dataDir the data folder, which holds the embedded database
     * @return the open database
     */
    public static Database open(DatabaseConfig config, Path dataDir) {
        String url = config.jdbcUrl(dataDir);
        HikariConfig hikari = new HikariConfig();
        hikari.setJdbcUrl(url);
        hikari.setUsername(config.user());
        hikari.setPassword(config.password());
        hikari.setPoolName("trainings");
        hikari.setMaximumPoolSize(config.isEmbedded() ? 4 : 8);
        hikari.setMinimumIdle(1);
        hikari.setConnectionTimeout(10_000);
        hikari.setInitializationFailTimeout(10_000);
        HikariDataSource pool;
        try {
            pool = new HikariDataSource(hikari);
        } catch (RuntimeException e) {
            throw new IllegalStateException("cannot open the training database " + redacted(url) + ": "
                    + rootMessage(e) + (config.isEmbedded() ? " (is another runtime using this --data-dir?)" : ""), e);
        }
        Database database = new Database(pool, config.isEmbedded());
        database.migrate();
        return database;
    }

    private void migrate() {
        String textType = embedded ? "CLOB" : "TEXT";
        MigrateResult result = Flyway.configure()
                .dataSource(pool)
                .locations(MIGRATIONS)
                .placeholders(Map.of("text_type", textType))
                .table("jdeepaas_schema_history")
                .baselineOnMigrate(false)
                .load()
                .migrate();
        LOG.info("training database {} at schema version {} ({} migrations applied)", redacted(pool.getJdbcUrl()),
                result.targetSchemaVersion == null ? "current" : result.targetSchemaVersion, result.migrationsExecuted);
    }

    /** @return the pool */
    public DataSource dataSource() {
        return pool;
    }

    /** @return a connection from the pool; the caller closes it */
    public Connection connection() throws SQLException {
        return pool.getConnection();
    }

    /**
     * Work done with one connection.
     *
     * @param <T> what it returns
     */
    @FunctionalInterface
    public interface Work<T> {
        /** Does the work; the connection is closed afterwards. */
        T apply(Connection connection) throws SQLException;
    }

    /**
     * Runs work on a connection of the pool, each statement committed by itself.
     *
     * @param what what is done, for the error message ("read training 3f2a...")
     * @throws TrainingStoreException when the database fails
     */
    public <T> T run(String what, Work<T> work) {
        try (Connection c = connection()) {
            return work.apply(c);
        } catch (SQLException e) {
            throw new TrainingStoreException("cannot " + what + ": " + e.getMessage(), e);
        }
    }

    /** Runs work in one transaction: committed when it returns, rolled back when it throws. */
    public <T> T transaction(String what, Work<T> work) {
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

    /** @return whether this is the embedded file, used by this process alone */
    public boolean isEmbedded() {
        return embedded;
    }

    @Override
    public void close() {
        pool.close();
    }

    private static String redacted(String url) {
        return url.replaceAll("(?i)(password=)[^&;]*", "$1***");
    }

    private static String rootMessage(Throwable e) {
        Throwable cause = e;
        while (cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause.getMessage();
    }
}
