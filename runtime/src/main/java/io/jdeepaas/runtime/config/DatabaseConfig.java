package io.jdeepaas.runtime.config;

import java.nio.file.Path;

/**
 * Where training records live: an embedded H2 file under the data folder (the default), or a
 * PostgreSQL server shared by several runtime replicas.
 *
 * @param url a JDBC URL such as {@code jdbc:postgresql://db:5432/deepaas}, or {@code null} for the
 *     embedded database
 * @param user the database user, or {@code null} when the URL carries it (or none is needed)
 * @param password the user's password, or {@code null}
 */
public record DatabaseConfig(String url, String user, String password) {

    public DatabaseConfig {
        url = blankToNull(url);
        user = blankToNull(user);
        password = blankToNull(password);
        if (url != null && !url.startsWith("jdbc:postgresql:") && !url.startsWith("jdbc:h2:")) {
            throw new IllegalArgumentException("--database-url must be a jdbc:postgresql:// (or jdbc:h2:) URL, got "
                    + url);
        }
    }

    /** @return the default: an embedded database under {@code --data-dir} */
    public static DatabaseConfig embedded() {
        return new DatabaseConfig(null, null, null);
    }

    /** @return whether the database is the embedded file, which one process uses alone */
    public boolean isEmbedded() {
        return url == null || url.startsWith("jdbc:h2:");
    }

    /**
     * @param dataDir the runtime's data folder
     * @return the JDBC URL to connect to
     */
    public String jdbcUrl(Path dataDir) {
        if (url != null) {
            return url;
        }
        // WRITE_DELAY=0: each commit reaches the file at once, so a killed process loses nothing committed
        return "jdbc:h2:file:" + dataDir.resolve("jdeepaas").toAbsolutePath() + ";AUTO_SERVER=FALSE;WRITE_DELAY=0";
    }

    @Override
    public String toString() {
        return "DatabaseConfig[url=" + url + ", user=" + user + ", password=" + (password == null ? null : "***") + "]";
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
