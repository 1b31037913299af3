package io.jdeepaas.runtime.replicas;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.jdeepaas.runtime.ChildRuntime;
import io.jdeepaas.runtime.TestRuntime;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two runtime processes sharing one real PostgreSQL server (see {@link TestPostgres}) on loopback,
 * as replicas behind a load balancer would. They also share a data folder, as replicas would share a
 * volume, so artifacts are visible through both.
 */
class ReplicasTest {

    /** Short heartbeat timing, so takeover is quick to test: beat every 0.5 s, stale after 3 s. */
    private static final String[] TIMING = {"--heartbeat-interval", "0.5", "--heartbeat-timeout", "3"};

    private static TestPostgres postgres;

    @TempDir
    Path root;

    private String databaseUrl;
    private final List<ChildRuntime> replicas = new ArrayList<>();
    private String testName;

    @BeforeAll
    static void startPostgres() throws Exception {
        postgres = TestPostgres.start();
    }

    @AfterAll
    static void stopPostgres() throws Exception {
        postgres.close();
    }

    @BeforeEach
    void newDatabase(TestInfo info) throws Exception {
        databaseUrl = postgres.newDatabase();
        testName = info.getDisplayName();
    }

    @AfterEach
    void stopReplicas() throws Exception {
        for (ChildRuntime replica : replicas) {
            replica.close();
        }
    }

    @Test
    void aTrainingStartedOnOneReplicaIsListedFollowedAndCancelledThroughTheOther() throws Exception {
        ChildRuntime a = replica();
        String uuid = a.postJson("/v2/models/tally/train/", Map.of("tally", tallyFile().toString(), "sleep", 600))
                .json().path("uuid").asText();
        a.awaitRecord("tally", uuid, r -> r.path("status").asText().equals("running"), Duration.ofSeconds(30));
        ChildRuntime b = replica();

        JsonNode listed = b.get("/v2/models/tally/train/").json();
        assertThat(listed).extracting(r -> r.path("uuid").asText()).contains(uuid);
        assertThat(b.get("/v2/models/tally/train/" + uuid).json().path("status").asText()).isEqualTo("running");
        HttpResponse<Stream<String>> events = openEvents(b, uuid);
        CompletableFuture<List<String>> statuses = CompletableFuture.supplyAsync(() -> statuses(events));
        Thread.sleep(300);

        long asked = System.nanoTime();
        TestRuntime.Answer answer = b.delete("/v2/models/tally/train/" + uuid);
        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.json().path("status").asText()).isIn("cancelling", "cancelled");
        JsonNode ended = b.awaitEnd("tally", uuid, Duration.ofSeconds(30));
        long millis = (System.nanoTime() - asked) / 1_000_000L;

        System.out.printf("replicas: cancel through B of a training running on A took %d ms%n", millis);
        assertThat(ended.path("status").asText()).isEqualTo("cancelled");
        assertThat(millis).isLessThan(10_000);
        assertThat(a.get("/v2/models/tally/train/" + uuid).json().path("status").asText()).isEqualTo("cancelled");
        assertThat(owner(uuid)).contains(":" + a.pid() + ":");
        List<String> followed = statuses.get(30, TimeUnit.SECONDS);
        assertThat(followed).startsWith("running").endsWith("cancelled");
    }

    @Test
    void twentyQueuedTrainingsAreEachRunByExactlyOneReplica() throws Exception {
        ChildRuntime a = replica("--train-workers", "2");
        ChildRuntime b = replica("--train-workers", "2");
        Path tally = tallyFile();
        List<String> uuids = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            ChildRuntime through = i % 2 == 0 ? a : b;
            TestRuntime.Answer answer = through.postJson("/v2/models/tally/train/",
                    Map.of("tally", tally.toString(), "sleep", 0.3));
            assertThat(answer.status()).as(answer.text()).isEqualTo(200);
            uuids.add(answer.json().path("uuid").asText());
        }

        for (String uuid : uuids) {
            assertThat(a.awaitEnd("tally", uuid, Duration.ofMinutes(1)).path("status").asText()).isEqualTo("done");
        }

        List<String> runs = Files.readAllLines(tally);
        Map<String, Long> runsPerTraining = runs.stream().map(l -> l.split(" ")[0])
                .collect(Collectors.groupingBy(u -> u, Collectors.counting()));
        assertThat(runsPerTraining.keySet()).containsExactlyInAnyOrderElementsOf(uuids);
        assertThat(runsPerTraining.values()).as("no training ran twice").allMatch(n -> n == 1);
        Set<String> pids = runs.stream().map(l -> l.split(" ")[1]).collect(Collectors.toSet());
        assertThat(pids).as("both replicas ran some").containsExactlyInAnyOrder(String.valueOf(a.pid()),
                String.valueOf(b.pid()));
        Map<String, String> owners = owners();
        for (String run : runs) {
            String[] parts = run.split(" ");
            assertThat(owners.get(parts[0])).as("the owner column names the replica that ran it")
                    .contains(":" + parts[1] + ":");
        }
        System.out.printf("replicas: 20 trainings ran %d on A and %d on B%n",
                runs.stream().filter(l -> l.endsWith(" " + a.pid())).count(),
                runs.stream().filter(l -> l.endsWith(" " + b.pid())).count());
    }

    @Test
    void aReplicaKilledMidTrainingHasItsTrainingsInterruptedByTheSurvivor() throws Exception {
        ChildRuntime a = replica();
        String uuid = a.postJson("/v2/models/tally/train/", Map.of("tally", tallyFile().toString(), "sleep", 600))
                .json().path("uuid").asText();
        a.awaitRecord("tally", uuid, r -> r.path("status").asText().equals("running"), Duration.ofSeconds(30));
        ChildRuntime b = replica();

        long killed = System.nanoTime();
        a.kill();
        JsonNode record = b.awaitEnd("tally", uuid, Duration.ofSeconds(60));
        long millis = (System.nanoTime() - killed) / 1_000_000L;

        System.out.printf("replicas: takeover after a replica was killed took %d ms (heartbeat timeout 3 s)%n", millis);
        assertThat(record.path("status").asText()).isEqualTo("interrupted");
        assertThat(record.path("message").asText()).contains("stopped");
        assertThat(millis).isLessThan(15_000);
        String next = b.postJson("/v2/models/tally/train/", Map.of("tally", tallyFile().toString(), "sleep", 0.0))
                .json().path("uuid").asText();
        assertThat(b.awaitEnd("tally", next, Duration.ofSeconds(30)).path("status").asText()).isEqualTo("done");
    }

    @Test
    void aPromoteOnOneReplicaIsServedByTheOtherWithinTwoSeconds() throws Exception {
        Path dataDir = Files.createDirectories(root.resolve("data"));
        ChildRuntime a = ChildRuntime.start(dataDir, "iris", "--database-url", databaseUrl);
        replicas.add(a);
        ChildRuntime b = ChildRuntime.start(dataDir, "iris", "--database-url", databaseUrl);
        replicas.add(b);
        String uuid = a.postJson("/v2/models/iris/train/", Map.of("epochs", 3)).json().path("uuid").asText();
        assertThat(a.awaitEnd("iris", uuid, Duration.ofMinutes(3)).path("status").asText()).isEqualTo("done");
        // whichever replica ran it registered version 2 and made it production; both serve it soon
        awaitServed(a, "2", Duration.ofSeconds(5));
        awaitServed(b, "2", Duration.ofSeconds(5));

        HttpClient http = HttpClient.newHttpClient();
        for (String[] move : new String[][] {{"1", "a"}, {"2", "b"}, {"1", "b"}}) {
            ChildRuntime on = move[1].equals("a") ? a : b;
            ChildRuntime other = on == a ? b : a;
            HttpResponse<String> moved = http.send(HttpRequest.newBuilder(URI.create(on.url(
                    "/v2/models/iris/aliases/production"))).header("Content-Type", "application/json")
                    .PUT(HttpRequest.BodyPublishers.ofString("{\"version\":\"" + move[0] + "\"}")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(moved.statusCode()).as(moved.body()).isEqualTo(200);
            long promoted = System.nanoTime();
            assertThat(served(on)).isEqualTo(move[0]);
            awaitServed(other, move[0], Duration.ofSeconds(2));
            System.out.printf("replica followed a promote to version %s in %d ms%n", move[0],
                    (System.nanoTime() - promoted) / 1_000_000);
        }
    }

    private static String served(ChildRuntime replica) {
        TestRuntime.Answer answer = replica.postJson("/v2/models/iris/predict/", Map.of("sepal_length", 6.7,
                "sepal_width", 3.0, "petal_length", 5.2, "petal_width", 2.3));
        assertThat(answer.status()).as(answer.text()).isEqualTo(200);
        return answer.header("X-Model-Version");
    }

    private static void awaitServed(ChildRuntime replica, String version, Duration within) throws InterruptedException {
        long deadline = System.nanoTime() + within.toNanos();
        while (!version.equals(served(replica))) {
            assertThat(System.nanoTime()).as("version " + version + " served within " + within).isLessThan(deadline);
            Thread.sleep(50);
        }
    }

    private ChildRuntime replica(String... flags) throws Exception {
        List<String> all = new ArrayList<>(List.of("--database-url", databaseUrl));
        all.addAll(List.of(TIMING));
        all.addAll(List.of(flags));
        Path dataDir = Files.createDirectories(root.resolve("data"));
        try {
            ChildRuntime replica = ChildRuntime.start(dataDir, "tally", all.toArray(String[]::new));
            replicas.add(replica);
            return replica;
        } catch (AssertionError | Exception e) {
            throw new AssertionError(testName + ": a replica did not start", e);
        }
    }

    private Path tallyFile() {
        return root.resolve("tally.txt");
    }

    /** Opens the SSE stream of a training (returns once the server has answered with its headers). */
    private static HttpResponse<Stream<String>> openEvents(ChildRuntime replica, String uuid) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create(replica.url("/v2/models/tally/train/" + uuid + "/events")))
                .header("Accept", "text/event-stream").timeout(Duration.ofSeconds(60)).build(),
                HttpResponse.BodyHandlers.ofLines());
    }

    /** Reads an SSE stream until the server ends it, keeping the status of each status event. */
    private static List<String> statuses(HttpResponse<Stream<String>> response) {
        List<String> statuses = new ArrayList<>();
        String event = null;
        try (Stream<String> lines = response.body()) {
            for (String line : (Iterable<String>) lines::iterator) {
                if (line.startsWith("event: ")) {
                    event = line.substring(7);
                } else if (line.startsWith("data: ") && "status".equals(event)) {
                    statuses.add(TestRuntime.JSON.readTree(line.substring(6)).path("status").asText());
                }
            }
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return statuses;
    }

    private String owner(String uuid) throws Exception {
        return owners().get(uuid);
    }

    /** @return the owner column of every training, read straight from the shared database */
    private Map<String, String> owners() throws Exception {
        Map<String, String> owners = new HashMap<>();
        try (Connection c = DriverManager.getConnection(databaseUrl); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT uuid, owner FROM trainings")) {
            while (rs.next()) {
                owners.put(rs.getString(1), rs.getString(2));
            }
        }
        return owners;
    }
}
