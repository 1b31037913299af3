package io.jdeepaas.runtime.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jdeepaas.runtime.Server;
import io.jdeepaas.runtime.TestRuntime;
import io.jdeepaas.runtime.config.SecurityConfig;
import io.jdeepaas.runtime.config.RuntimeConfig;
import io.jdeepaas.runtime.registry.StartupException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
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
 * Roles over real HTTP: tokens come from a real OpenID Connect provider's token endpoint, keys from
 * the management route; each route family is called by each kind of caller.
 */
class AccessApiTest {

    private static final List<String> AUDIENCE = List.of("jdeepaas");
    private static OidcProvider provider;
    private static TestRuntime runtime;
    private static final Map<String, String> TOKENS = new LinkedHashMap<>();

    @BeforeAll
    static void start() {
        provider = new OidcProvider();
        SecurityConfig auth = new SecurityConfig(List.of(provider.issuer("platform")), Set.copyOf(AUDIENCE),
                new RoleMapping("groups", List.of(RoleMapping.Rule.parse("ml-users=predict"),
                        RoleMapping.Rule.parse("ml-trainers=train"), RoleMapping.Rule.parse("ml-admins=admin")),
                        EnumSet.of(Role.READ)), true, EnumSet.of(Role.READ), Access.PUBLIC, false, List.of(), null, null,
                CallerLimits.Settings.NONE);
        runtime = TestRuntime.start(c -> c.auth(auth), "demo");
        TOKENS.put("reader", provider.token("platform", "reader", AUDIENCE, Map.of()));
        TOKENS.put("predictor", provider.token("platform", "predictor", AUDIENCE, Map.of("groups", List.of("ml-users"))));
        TOKENS.put("trainer", provider.token("platform", "trainer", AUDIENCE, Map.of("groups", List.of("ml-trainers"))));
        TOKENS.put("admin", provider.token("platform", "admin", AUDIENCE, Map.of("groups", List.of("ml-admins"))));
    }

    @AfterAll
    static void stop() {
        runtime.close();
        provider.close();
    }

    /** One call of a route family. */
    private record Call(String method, String path, String json) {
    }

    private static final Map<Call, Role> FAMILIES = new LinkedHashMap<>();

    static {
        FAMILIES.put(new Call("GET", "/v2/models/", null), Role.READ);
        FAMILIES.put(new Call("GET", "/v2/models/demo", null), Role.READ);
        FAMILIES.put(new Call("GET", "/openapi.json", null), Role.READ);
        FAMILIES.put(new Call("POST", "/v2/models/demo/predict/", "{\"text\": \"hi\"}"), Role.PREDICT);
        FAMILIES.put(new Call("POST", "/v2/models/demo/train/", "{\"epochs\": 1, \"sleep\": 0}"), Role.TRAIN);
        FAMILIES.put(new Call("GET", "/v2/models/demo/train/", null), Role.TRAIN);
        FAMILIES.put(new Call("POST", "/v2/repository/models/demo/load", ""), Role.ADMIN);
        FAMILIES.put(new Call("GET", "/v2/debug", null), Role.ADMIN);
        FAMILIES.put(new Call("GET", "/v2/keys", null), Role.ADMIN);
    }

    private static TestRuntime.Answer call(Call call, String credential) {
        Request.Builder request = new Request.Builder().url(runtime.url(call.path()));
        if (credential != null) {
            request.header("Authorization", "Bearer " + credential);
        }
        RequestBody body = call.json() == null ? null
                : RequestBody.create(call.json(), MediaType.get("application/json"));
        request.method(call.method(), body);
        return runtime.send(request.build());
    }

    private static boolean allowed(String caller, Role needed) {
        return switch (caller) {
            case "anonymous", "reader" -> needed == Role.READ;
            case "predictor" -> needed == Role.READ || needed == Role.PREDICT;
            case "trainer" -> needed == Role.READ || needed == Role.TRAIN;
            case "admin" -> true;
            default -> throw new IllegalArgumentException(caller);
        };
    }

    @Test
    void eachCallerReachesExactlyTheRouteFamiliesItsRolesAllow() {
        List<String> wrong = new ArrayList<>();
        for (String caller : List.of("anonymous", "reader", "predictor", "trainer", "admin")) {
            for (Map.Entry<Call, Role> family : FAMILIES.entrySet()) {
                TestRuntime.Answer answer = call(family.getKey(), TOKENS.get(caller));
                int expected = allowed(caller, family.getValue()) ? 200 : caller.equals("anonymous") ? 401 : 403;
                if (answer.status() != expected) {
                    wrong.add(caller + " " + family.getKey().method() + " " + family.getKey().path() + " -> "
                            + answer.status() + " (expected " + expected + "): " + answer.text());
                }
                if (expected != 200) {
                    assertThat(answer.header("WWW-Authenticate")).startsWith("Bearer");
                    String shape = family.getKey().path().startsWith("/v2/repository")
                            || family.getKey().path().equals("/v2/keys") ? "error" : "message";
                    assertThat(answer.json().path(shape).asText()).as(caller + " " + family.getKey() + ": " + answer.text())
                            .contains("needs the '"
                            + family.getValue().label() + "' role");
                }
            }
        }
        assertThat(wrong).isEmpty();
    }

    @Test
    void everyRegisteredRouteHasARuleInTheAccessTable() {
        AccessPolicy policy = new AccessPolicy(Access.PUBLIC);
        List<String> routes = runtime.server().routes();
        assertThat(routes).contains("POST /v2/models/{name}/predict/", "GET /v2/health/ready");
        assertThat(routes.stream().filter(r -> policy.find(r.substring(0, r.indexOf(' ')),
                r.substring(r.indexOf(' ') + 1)).isEmpty())).isEmpty();
    }

    @Test
    void healthStaysReachableForProbesEvenWithBadCredentials() {
        TestRuntime.Answer answer = call(new Call("GET", "/v2/health/ready", null), "not-a-token");
        assertThat(answer.status()).isEqualTo(200);
    }

    @Test
    void anInvalidTokenIsA401ThatSaysWhyAndNeverFallsBackToAnonymous() {
        String tampered = TOKENS.get("reader").substring(0, TOKENS.get("reader").length() - 4) + "AAAA";
        TestRuntime.Answer answer = call(new Call("GET", "/v2/models/", null), tampered);
        assertThat(answer.status()).isEqualTo(401);
        assertThat(answer.header("WWW-Authenticate")).contains("error=\"invalid_token\"")
                .contains("error_description=\"the token's signature cannot be verified");
        assertThat(answer.text()).doesNotContain(tampered).doesNotContain("Exception");
    }

    @Test
    void anAdminCreatesAKeyThatAMachineUsesUntilItIsRevoked() throws Exception {
        TestRuntime.Answer created = call(new Call("POST", "/v2/keys", "{\"name\": \"ci-bot\", \"roles\": [\"predict\"]}"),
                TOKENS.get("admin"));
        assertThat(created.status()).isEqualTo(201);
        String key = created.json().path("key").asText();
        assertThat(key).startsWith("jdk_");

        Request predict = new Request.Builder().url(runtime.url("/v2/models/demo/predict/")).header("X-API-Key", key)
                .post(RequestBody.create("{\"text\": \"from ci\"}", MediaType.get("application/json"))).build();
        assertThat(runtime.send(predict).status()).isEqualTo(200);
        assertThat(call(new Call("GET", "/v2/keys", null), TOKENS.get("admin")).text()).contains("ci-bot")
                .doesNotContain(key);
        Request train = new Request.Builder().url(runtime.url("/v2/models/demo/train/")).header("X-API-Key", key)
                .post(RequestBody.create("{\"epochs\": 1}", MediaType.get("application/json"))).build();
        assertThat(runtime.send(train).status()).isEqualTo(403);

        assertThat(call(new Call("DELETE", "/v2/keys/ci-bot", null), TOKENS.get("admin")).status()).isEqualTo(200);
        TestRuntime.Answer revoked = runtime.send(predict);
        assertThat(revoked.status()).isEqualTo(401);
        assertThat(revoked.json().path("message").asText()).isEqualTo("the API key is not known (revoked, or mistyped)");
    }

    @Test
    void aScriptedSessionLeavesOneAuditRowPerStateChangingCallWithWhoAndOutcome() {
        TestRuntime.Answer started = call(new Call("POST", "/v2/models/demo/train/", "{\"epochs\": 1, \"sleep\": 0}"),
                TOKENS.get("trainer"));
        assertThat(started.status()).isEqualTo(200);
        String uuid = started.json().path("uuid").asText();
        assertThat(call(new Call("POST", "/v2/models/demo/train/", "{\"epochs\": 1}"), TOKENS.get("predictor"))
                .status()).isEqualTo(403);
        assertThat(call(new Call("POST", "/v2/repository/models/demo/load", ""), TOKENS.get("admin")).status())
                .isEqualTo(200);

        TestRuntime.Answer trail = call(new Call("GET", "/v2/audit?model=demo&limit=50", null), TOKENS.get("admin"));

        assertThat(trail.status()).isEqualTo(200);
        List<String> rows = new ArrayList<>();
        trail.json().path("entries").forEach(e -> rows.add(e.path("who").asText() + " " + e.path("action").asText()
                + " " + e.path("training").asText("-") + " " + e.path("status").asInt()));
        String issuer = provider.issuer("platform");
        assertThat(rows).contains(issuer + "#trainer train.start " + uuid + " 200",
                issuer + "#predictor train.start - 403", issuer + "#admin model.load - 200");
        assertThat(call(new Call("GET", "/v2/audit", null), TOKENS.get("trainer")).status()).isEqualTo(403);
    }

    @Test
    void listeningBeyondLoopbackWithoutAuthenticationIsRefusedUnlessInsecure() throws Exception {
        RuntimeConfig open = RuntimeConfig.builder(Files.createTempDirectory("open")).listenIp("0.0.0.0")
                .listenPort(0).build();
        assertThatThrownBy(() -> Server.start(open)).isInstanceOf(StartupException.class)
                .hasMessageContaining("refusing to listen on 0.0.0.0 without authentication")
                .hasMessageContaining("--insecure");
    }
}
