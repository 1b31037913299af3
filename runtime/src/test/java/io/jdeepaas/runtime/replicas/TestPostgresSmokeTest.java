package io.jdeepaas.runtime.replicas;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.DriverManager;
import java.sql.ResultSet;
import org.junit.jupiter.api.Test;

class TestPostgresSmokeTest {
    @Test
    void starts() throws Exception {
        try (TestPostgres pg = TestPostgres.start()) {
            String url = pg.newDatabase();
            try (var c = DriverManager.getConnection(url); ResultSet rs = c.createStatement().executeQuery("select version()")) {
                rs.next();
                System.out.println("VERSION " + rs.getString(1) + " " + url);
                assertThat(rs.getString(1)).contains("PostgreSQL");
            }
        }
    }
}
