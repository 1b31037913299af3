package io.jdeepaas.runtime.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jdeepaas.runtime.config.DatabaseConfig;
import io.jdeepaas.runtime.training.jdbc.Database;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ApiKeysTest {

    @TempDir
    Path data;

    private Database database;

    private JdbcApiKeys keys() {
        database = Database.open(DatabaseConfig.embedded(), data);
        return new JdbcApiKeys(database);
    }

    @AfterEach
    void close() {
        if (database != null) {
            database.close();
        }
    }

    @Test
    void aCreatedKeyAuthenticatesWithItsRolesAndOnlyItsHashIsStored() throws Exception {
        JdbcApiKeys keys = keys();
        String key = keys.create("ci-bot", EnumSet.of(Role.PREDICT), "");
        Authenticator auth = new Authenticator(new TokenValidator(OidcSettings.of(List.of(), Set.of(),
                new RoleMapping("", List.of(), Set.of()))), Optional.of(keys), Set.of(Role.READ));

        Identity viaHeader = auth.identify(null, key);
        Identity viaBearer = auth.identify("Bearer " + key, null);

        assertThat(viaHeader.owner()).isEqualTo("key:ci-bot");
        assertThat(viaBearer.roles()).containsExactly(Role.PREDICT);
        assertThat(keys.list()).singleElement().satisfies(k -> {
            assertThat(k.name()).isEqualTo("ci-bot");
            assertThat(k.lastUsed()).isNotNull();
        });
        database.close();
        try (var files = Files.walk(data)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                assertThat(Files.readString(file, java.nio.charset.StandardCharsets.ISO_8859_1)).doesNotContain(key);
            }
        }
        database = null;
    }

    @Test
    void aRevokedKeyStopsWorkingAtOnce() {
        JdbcApiKeys keys = keys();
        String key = keys.create("ci-bot", EnumSet.of(Role.TRAIN), "");
        Authenticator auth = new Authenticator(new TokenValidator(OidcSettings.of(List.of(), Set.of(),
                new RoleMapping("", List.of(), Set.of()))), Optional.of(keys), Set.of());
        assertThat(auth.identify(null, key).subject()).isEqualTo("ci-bot");

        assertThat(keys.revoke("ci-bot")).isTrue();

        assertThatThrownBy(() -> auth.identify(null, key)).isInstanceOf(AuthenticationException.class)
                .hasMessage("the API key is not known (revoked, or mistyped)");
    }

    @Test
    void aRequestWithoutCredentialsIsAnonymousButBadCredentialsAreNever() {
        Authenticator auth = new Authenticator(new TokenValidator(OidcSettings.of(List.of(), Set.of(),
                new RoleMapping("", List.of(), Set.of()))), Optional.of(keys()), Set.of(Role.READ));
        assertThat(auth.identify(null, null).kind()).isEqualTo(Identity.Kind.ANONYMOUS);
        assertThat(auth.identify(null, null).may(Role.READ)).isTrue();
        assertThat(auth.identify(null, null).may(Role.PREDICT)).isFalse();
        assertThatThrownBy(() -> auth.identify("Basic dXNlcjpwdw==", null)).isInstanceOf(AuthenticationException.class);
        assertThatThrownBy(() -> auth.identify(null, "jdk_notakey")).isInstanceOf(AuthenticationException.class);
    }

    @Test
    void keyNamesAndRolesAreChecked() {
        JdbcApiKeys keys = keys();
        assertThatThrownBy(() -> keys.create("bad name", EnumSet.of(Role.READ), ""))
                .hasMessageContaining("a key's name is");
        assertThatThrownBy(() -> keys.create("bot", EnumSet.noneOf(Role.class), ""))
                .hasMessageContaining("at least one role");
        keys.create("bot", EnumSet.of(Role.READ), "");
        assertThatThrownBy(() -> keys.create("bot", EnumSet.of(Role.READ), "")).hasMessageContaining("exists");
    }
}
