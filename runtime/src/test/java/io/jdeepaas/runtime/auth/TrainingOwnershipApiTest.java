package io.jdeepaas.runtime.auth;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.jdeepaas.runtime.TestRuntime;
import io.jdeepaas.runtime.config.RuntimeConfig;
import io.jdeepaas.runtime.config.SecurityConfig;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;
import okhttp3.MediaType;
import okhttp3.Request;
import okhttp3.RequestBody;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Trainings belong to whoever started them: two users holding tokens from a real OpenID Connect
 * provider and a machine holding an API key each see, follow, cancel, retry and purge only their
 * own, and every route of another's training answers 404 exactly as an unknown id does; an admin
 * sees every training. This class runs on H2 with trainings in threads; {@link
 * TrainingOwnershipOnPostgresApiTest} runs the same cases on PostgreSQL with trainings in child processes.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TrainingOwnershipApiTest {

    private static final List<String> AUDIENCE = List.of("jdeepaas");
    private static final String TRAIN = "/v2/models/demo/train/";

    OidcProvider provider;
    TestRuntime runtime;
    final Map<String, String> credentials = new LinkedHashMap<>();
    String aliceRun;
    String bobRun;
    String keyRun;

    /** @return the storage and isolation this run of the cases uses */
    UnaryOperator<RuntimeConfig.Builder> storage() throws Exception {
        return c -> c;
    }

    void stopStorage() throws Exception {
    }

    @BeforeAll
    void start() throws Exception {
        provider = new OidcProvider();
        SecurityConfig auth = new SecurityConfig(List.of(provider.issuer("platform")), Set.copyOf(AUDIENCE),
                new RoleMapping("groups", List.of(RoleMapping.Rule.parse("ml-trainers=train"),
                        RoleMapping.Rule.parse("ml-admins=admin")), EnumSet.of(Role.READ)),
                true, EnumSet.of(Role.READ), Access.PUBLIC, false, List.of(), null, null, CallerLimits.Settings.NONE);
        UnaryOperator<RuntimeConfig.Builder> storage = storage();
        runtime = TestRuntime.start(c -> storage.apply(c.auth(auth)), "demo");
        credentials.put("alice", provider.token("platform", "alice", AUDIENCE, Map.of("groups", List.of("ml-trainers"))));
        credentials.put("bob", provider.token("platform", "bob", AUDIENCE, Map.of("groups", List.of("ml-trainers"))));
        credentials.put("admin", provider.token("platform", "admin", AUDIENCE, Map.of("groups", List.of("ml-admins"))));
        TestRuntime.Answer key = call("admin", "POST", "/v2/keys", "{\"name\": \"ci-bot\", \"roles\": [\"train\"]}");
        assertThat(key.status()).as(key.text()).isEqualTo(201);
        credentials.put("ci-bot", key.json().path("key").asText());
        aliceRun = train("alice", "shared");
        bobRun = train("bob", "shared");
        keyRun = train("ci-bot", null);
        for (String[] run : new String[][] {{"alice", aliceRun}, {"bob", bobRun}, {"ci-bot", keyRun}}) {
            awaitEnd(run[0], run[1]);
        }
    }

    @AfterAll
    void stop() throws Exception {
        if (runtime != null) {
            runtime.close();
        }
        if (provider != null) {
            provider.close();
        }
        stopStorage();
    }

    private TestRuntime.Answer call(String caller, String method, String path, String json) {
        Request.Builder request = new Request.Builder().url(runtime.url(path));
        String credential = credentials.get(caller);
        if (credential != null && credential.startsWith("jdk_")) {
            request.header("X-API-Key", credential);
        } else if (credential != null) {
            request.header("Authorization", "Bearer " + credential);
        }
        request.method(method, json == null ? null : RequestBody.create(json, MediaType.get("application/json")));
        return runtime.send(request.build());
    }

    private String train(String caller, String experiment) {
        String json = "{\"epochs\": 1, \"sleep\": 0" + (experiment == null ? "" : ", \"experiment\": \"" + experiment
                + "\"") + "}";
        TestRuntime.Answer started = call(caller, "POST", TRAIN, json);
        assertThat(started.status()).as(started.text()).isEqualTo(200);
        return started.json().path("uuid").asText();
    }

    private JsonNode awaitEnd(String caller, String uuid) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofMinutes(1).toNanos();
        JsonNode record;
        do {
            record = call(caller, "GET", TRAIN + uuid, null).json();
            if (Set.of("done", "error", "cancelled", "interrupted").contains(record.path("status").asText())) {
                return record;
            }
            Thread.sleep(50);
        } while (System.nanoTime() < deadline);
        throw new AssertionError("training " + uuid + " did not end: " + record);
    }

    /** Every route that acts on one training, as {@code METHOD path-after-/train/{uuid}}, without side effects. */
    private static final List<String[]> READ_ROUTES = List.of(new String[] {"GET", ""},
            new String[] {"GET", "/metrics"}, new String[] {"GET", "/logs"}, new String[] {"GET", "/events"},
            new String[] {"GET", "/artifacts/"}, new String[] {"GET", "/artifacts/model.txt"});

    /** Every route that changes one training (or starts one from it). */
    private static final List<String[]> CHANGING_ROUTES = List.of(new String[] {"DELETE", ""},
            new String[] {"DELETE", "?purge=true"}, new String[] {"POST", "/retry"});

    @Test
    void eachRecordShowsWhoStartedIt() {
        String issuer = provider.issuer("platform");
        assertThat(call("alice", "GET", TRAIN + aliceRun, null).json().path("owner").asText())
                .isEqualTo(issuer + "#alice");
        assertThat(call("bob", "GET", TRAIN + bobRun, null).json().path("owner").asText()).isEqualTo(issuer + "#bob");
        assertThat(call("ci-bot", "GET", TRAIN + keyRun, null).json().path("owner").asText()).isEqualTo("key:ci-bot");
    }

    @Test
    void everyRouteOfAnotherUsersTrainingAnswers404AsIfItDidNotExist() {
        String unknown = "0123456789abcdef0123456789abcdef";
        List<String> wrong = new ArrayList<>();
        List<String[]> routes = new ArrayList<>(READ_ROUTES);
        routes.addAll(CHANGING_ROUTES);
        String[][] strangers = {{"bob", aliceRun}, {"ci-bot", aliceRun}, {"alice", keyRun}, {"ci-bot", bobRun}};
        for (String[] stranger : strangers) {
            for (String[] route : routes) {
                String path = TRAIN + stranger[1] + route[1];
                TestRuntime.Answer answer = call(stranger[0], route[0], path, route[0].equals("POST") ? "" : null);
                TestRuntime.Answer none = call(stranger[0], route[0], TRAIN + unknown + route[1],
                        route[0].equals("POST") ? "" : null);
                String message = answer.status() == 404 ? answer.json().path("message").asText() : "";
                if (answer.status() != 404 || !message.equals(none.json().path("message").asText()
                        .replace(unknown, stranger[1]))) {
                    wrong.add(stranger[0] + " " + route[0] + " " + path + " -> " + answer.status() + " " + answer.text());
                }
            }
        }
        assertThat(wrong).isEmpty();
        // and nothing was changed by those calls
        assertThat(call("alice", "GET", TRAIN + aliceRun, null).json().path("status").asText()).isEqualTo("done");
        assertThat(call("admin", "GET", TRAIN, null).json().findValuesAsText("retry_of")).doesNotContain(aliceRun,
                bobRun, keyRun);
    }

    @Test
    void theOwnerAndAnAdminReachEveryRouteOfATraining() {
        List<String> wrong = new ArrayList<>();
        for (String caller : List.of("alice", "admin")) {
            for (String[] route : READ_ROUTES) {
                TestRuntime.Answer answer = call(caller, route[0], TRAIN + aliceRun + route[1], null);
                if (answer.status() != 200) {
                    wrong.add(caller + " " + route[0] + " " + route[1] + " -> " + answer.status() + " " + answer.text());
                }
            }
            TestRuntime.Answer cancel = call(caller, "DELETE", TRAIN + aliceRun, null);
            assertThat(cancel.status()).as(cancel.text()).isEqualTo(200);
            assertThat(cancel.json().path("status").asText()).isEqualTo("done");
        }
        assertThat(wrong).isEmpty();
    }

    @Test
    void listingShowsOnlyTheCallersOwnTrainingsAndAnAdminEveryone() {
        assertThat(uuids(call("bob", "GET", TRAIN, null))).contains(bobRun).doesNotContain(aliceRun, keyRun);
        assertThat(uuids(call("ci-bot", "GET", TRAIN, null))).contains(keyRun).doesNotContain(aliceRun, bobRun);
        assertThat(uuids(call("bob", "GET", TRAIN + "?experiment=shared", null))).containsExactly(bobRun);
        assertThat(uuids(call("admin", "GET", TRAIN, null))).contains(aliceRun, bobRun, keyRun);
        assertThat(call("bob", "GET", TRAIN, null).json().findValuesAsText("owner")).containsOnly(
                provider.issuer("platform") + "#bob");
    }

    @Test
    void experimentsListAndCompareOnlyTheRunsTheCallerMaySee() {
        JsonNode bobs = experiment(call("bob", "GET", "/v2/experiments/", null), "shared");
        assertThat(bobs.path("runs").asLong()).isEqualTo(1);
        assertThat(experiment(call("admin", "GET", "/v2/experiments/", null), "shared").path("runs").asLong())
                .isGreaterThanOrEqualTo(2);
        assertThat(call("ci-bot", "GET", "/v2/experiments/", null).json().path("experiments").findValuesAsText("name"))
                .doesNotContain("shared");

        assertThat(call("bob", "GET", "/v2/experiments/shared", null).json().path("runs").findValuesAsText("uuid"))
                .containsExactly(bobRun);
        assertThat(call("admin", "GET", "/v2/experiments/shared", null).json().path("runs").findValuesAsText("uuid"))
                .contains(aliceRun, bobRun);
        TestRuntime.Answer hidden = call("ci-bot", "GET", "/v2/experiments/shared", null);
        assertThat(hidden.status()).isEqualTo(404);
        assertThat(hidden.json().path("message").asText()).isEqualTo(call("ci-bot", "GET", "/v2/experiments/nothing",
                null).json().path("message").asText().replace("nothing", "shared"));
    }

    @Test
    void aRetryBelongsToWhoeverRetriedAndOnlyItsOwnerOrAnAdminPurgesIt() throws Exception {
        TestRuntime.Answer retried = call("alice", "POST", TRAIN + aliceRun + "/retry", "");
        assertThat(retried.status()).as(retried.text()).isEqualTo(200);
        String retry = retried.json().path("uuid").asText();
        assertThat(retried.json().path("owner").asText()).isEqualTo(provider.issuer("platform") + "#alice");
        TestRuntime.Answer byAdmin = call("admin", "POST", TRAIN + bobRun + "/retry", "");
        assertThat(byAdmin.json().path("owner").asText()).isEqualTo(provider.issuer("platform") + "#admin");
        String adminRetry = byAdmin.json().path("uuid").asText();
        awaitEnd("alice", retry);
        awaitEnd("admin", adminRetry);
        assertThat(call("bob", "GET", TRAIN + adminRetry, null).status()).isEqualTo(404);

        assertThat(call("bob", "DELETE", TRAIN + retry + "?purge=true", null).status()).isEqualTo(404);
        assertThat(call("alice", "DELETE", TRAIN + retry + "?purge=true", null).status()).isEqualTo(200);
        assertThat(call("admin", "GET", TRAIN + retry, null).status()).isEqualTo(404);
        assertThat(call("admin", "DELETE", TRAIN + adminRetry + "?purge=true", null).status()).isEqualTo(200);
        String anothersRun = train("ci-bot", null);
        awaitEnd("ci-bot", anothersRun);
        assertThat(call("admin", "DELETE", TRAIN + anothersRun + "?purge=true", null).status()).isEqualTo(200);
        assertThat(call("ci-bot", "GET", TRAIN + anothersRun, null).status()).isEqualTo(404);
    }

    private static List<String> uuids(TestRuntime.Answer list) {
        assertThat(list.status()).as(list.text()).isEqualTo(200);
        return list.json().findValuesAsText("uuid");
    }

    private static JsonNode experiment(TestRuntime.Answer list, String name) {
        assertThat(list.status()).as(list.text()).isEqualTo(200);
        for (JsonNode e : list.json().path("experiments")) {
            if (e.path("name").asText().equals(name)) {
                return e;
            }
        }
        throw new AssertionError("no experiment " + name + " in " + list.text());
    }
}
