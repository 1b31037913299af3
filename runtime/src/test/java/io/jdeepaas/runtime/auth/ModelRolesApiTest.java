package io.jdeepaas.runtime.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jdeepaas.runtime.TestRuntime;
import io.jdeepaas.runtime.config.RuntimeConfig;
import io.jdeepaas.runtime.config.SecurityConfig;
import java.nio.file.Files;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import okhttp3.MediaType;
import okhttp3.Request;
import okhttp3.RequestBody;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code --model-setting MODEL.predict-role=ROLE} and {@code MODEL.train-role=ROLE}: one model's
 * routes need another role than the usual, the other models' do not change.
 */
class ModelRolesApiTest {

    private static final List<String> AUDIENCE = List.of("jdeepaas");
    private static OidcProvider provider;
    private static TestRuntime runtime;
    private static String reader;
    private static String trainer;
    private static String admin;

    @BeforeAll
    static void start() {
        provider = new OidcProvider();
        SecurityConfig auth = new SecurityConfig(List.of(provider.issuer("platform")), Set.copyOf(AUDIENCE),
                new RoleMapping("groups", List.of(RoleMapping.Rule.parse("ml-users=predict"),
                        RoleMapping.Rule.parse("ml-trainers=train"), RoleMapping.Rule.parse("ml-admins=admin")),
                        EnumSet.of(Role.READ)), false, EnumSet.noneOf(Role.class), Access.PUBLIC, false, List.of(), null,
                null, CallerLimits.Settings.NONE);
        runtime = TestRuntime.start(c -> c.auth(auth).modelSetting("echo", "predict-role", "read")
                .modelSetting("demo", "train-role", "admin"), "demo", "echo");
        reader = provider.token("platform", "reader", AUDIENCE, Map.of());
        trainer = provider.token("platform", "trainer", AUDIENCE, Map.of("groups", List.of("ml-trainers")));
        admin = provider.token("platform", "admin", AUDIENCE, Map.of("groups", List.of("ml-admins")));
    }

    @AfterAll
    static void stop() {
        runtime.close();
        provider.close();
    }

    private static TestRuntime.Answer call(String token, String method, String path, String json) {
        return runtime.send(new Request.Builder().url(runtime.url(path)).header("Authorization", "Bearer " + token)
                .method(method, json == null ? null : RequestBody.create(json, MediaType.get("application/json")))
                .build());
    }

    @Test
    void aModelsPredictRoleLetsAReaderPredictWithItButNotWithOtherModels() {
        assertThat(call(reader, "POST", "/v2/models/echo/predict/", "{\"text\": \"hi\"}").status()).isEqualTo(200);
        TestRuntime.Answer demo = call(reader, "POST", "/v2/models/demo/predict/", "{\"text\": \"hi\"}");
        assertThat(demo.status()).isEqualTo(403);
        assertThat(demo.json().path("message").asText()).contains("needs the 'predict' role");
    }

    @Test
    void aModelsTrainRoleClosesEveryTrainingRouteOfThatModelToTrainersButNotToAdmins() {
        TestRuntime.Answer refused = call(trainer, "POST", "/v2/models/demo/train/", "{\"epochs\": 1, \"sleep\": 0}");
        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.json().path("message").asText()).contains("needs the 'admin' role");
        assertThat(call(trainer, "GET", "/v2/models/demo/train/", null).status()).isEqualTo(403);
        assertThat(call(trainer, "GET", "/v2/models/demo/train/0123456789abcdef0123456789abcdef", null).status())
                .isEqualTo(403);

        TestRuntime.Answer started = call(admin, "POST", "/v2/models/demo/train/", "{\"epochs\": 1, \"sleep\": 0}");
        assertThat(started.status()).as(started.text()).isEqualTo(200);
        assertThat(call(admin, "GET", "/v2/models/demo/train/" + started.json().path("uuid").asText(), null).status())
                .isEqualTo(200);
    }

    @Test
    void anUnknownRoleInAModelSettingFailsAtStartUpNamingTheSetting() {
        assertThatThrownBy(() -> RuntimeConfig.builder(Files.createTempDirectory("roles"))
                .modelSetting("iris", "train-role", "trainer").build())
                .hasMessageContaining("--model-setting iris.train-role: unknown role 'trainer'");
    }
}
