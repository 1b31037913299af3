package io.jdeepaas.runtime.training;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.jdeepaas.runtime.TestRuntime;
import io.jdeepaas.runtime.config.TrainIsolation;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code --train-isolation process}: each training runs in a child JVM. What it reports is stored
 * as in thread mode; a cancel it ignores ends it within the grace period; its crash ends only it.
 */
class ProcessIsolationTest {

    private static final Duration GRACE = Duration.ofSeconds(2);

    private static TestRuntime runtime;

    @BeforeAll
    static void start() {
        runtime = TestRuntime.start(c -> c.trainIsolation(TrainIsolation.PROCESS).cancelGrace(GRACE).trainWorkers(2),
                "demo", "stubborn", "exits", "crashes");
    }

    @AfterAll
    static void stop() {
        runtime.close();
    }

    @Test
    void aTrainingInAChildProcessIsRecordedAsInThreadMode() throws Exception {
        String uuid = runtime.trainDemo(Map.of("epochs", 3, "sleep", 0.05));

        JsonNode record = runtime.awaitTraining("demo", uuid, Duration.ofMinutes(1));

        assertThat(record.path("status").asText()).as(record.toString()).isEqualTo("done");
        assertThat(record.path("result").path("epochs").asLong()).isEqualTo(3);
        assertThat(record.path("result").path("final_loss").asDouble()).isEqualTo(1.0 / 3);
        assertThat(record.path("result").has("duration")).isTrue();
        assertThat(record.path("progress").path("step").asLong()).isEqualTo(3);
        JsonNode metrics = runtime.get("/v2/models/demo/train/" + uuid + "/metrics").json();
        assertThat(metrics.path("series").path("loss")).hasSize(3);
        JsonNode logs = runtime.get("/v2/models/demo/train/" + uuid + "/logs").json();
        assertThat(logs.path("lines")).hasSize(3);
        assertThat(logs.path("lines").get(0).path("line").asText()).isEqualTo("epoch 1/3 loss=1.0000");
        JsonNode artifacts = runtime.get("/v2/models/demo/train/" + uuid + "/artifacts/").json();
        assertThat(artifacts.toString()).contains("model.txt");
    }

    @Test
    void cancellingATrainingThatIgnoresTheFlagKillsItsProcessWithinTheGracePeriod() throws Exception {
        String uuid = runtime.postJson("/v2/models/stubborn/train/", Map.of("seconds", 600)).json().path("uuid").asText();
        long pid = awaitChildPid("stubborn", uuid);

        long asked = System.nanoTime();
        TestRuntime.Answer answer = runtime.delete("/v2/models/stubborn/train/" + uuid);
        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.json().path("status").asText()).isIn("cancelling", "cancelled");
        JsonNode record = runtime.awaitTraining("stubborn", uuid, Duration.ofSeconds(30));
        long millis = (System.nanoTime() - asked) / 1_000_000L;

        System.out.printf("process mode: cancel of a stubborn training took %d ms (grace %d ms)%n", millis,
                GRACE.toMillis());
        assertThat(record.path("status").asText()).isEqualTo("cancelled");
        assertThat(record.path("message").asText()).contains("grace period", "killed");
        assertThat(millis).isGreaterThanOrEqualTo(GRACE.toMillis()).isLessThan(GRACE.toMillis() + 5_000);
        assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive)).isIn(Optional.empty(), Optional.of(false));
    }

    @Test
    void aTrainingThatCallsSystemExitEndsAsErrorAndTheServerServesOn() throws Exception {
        String uuid = runtime.postJson("/v2/models/exits/train/", Map.of("code", 3)).json().path("uuid").asText();

        JsonNode record = runtime.awaitTraining("exits", uuid, Duration.ofMinutes(1));

        assertThat(record.path("status").asText()).isEqualTo("error");
        assertThat(record.path("message").asText()).contains("exited with code 3");
        assertThat(record.path("progress").path("step").asLong()).isEqualTo(1);
        assertServesOn();
    }

    @Test
    void aNativeCrashEndsAsErrorNamingTheSignalAndTheServerServesOn() throws Exception {
        String uuid = runtime.postJson("/v2/models/crashes/train/", Map.of("how", "segv")).json().path("uuid").asText();

        JsonNode record = runtime.awaitTraining("crashes", uuid, Duration.ofMinutes(1));

        assertThat(record.path("status").asText()).isEqualTo("error");
        assertThat(record.path("message").asText()).contains("the training process crashed: SIGSEGV", "crash report");
        assertServesOn();
    }

    @Test
    void aProcessKilledBySigkillEndsAsErrorNamingTheSignal() throws Exception {
        String uuid = runtime.postJson("/v2/models/crashes/train/", Map.of("how", "kill")).json().path("uuid").asText();

        JsonNode record = runtime.awaitTraining("crashes", uuid, Duration.ofMinutes(1));

        assertThat(record.path("status").asText()).isEqualTo("error");
        assertThat(record.path("message").asText()).contains("killed by signal 9 (SIGKILL)");
    }

    private static void assertServesOn() throws InterruptedException {
        assertThat(runtime.get("/v2/models/").status()).isEqualTo(200);
        String after = runtime.trainDemo(Map.of("epochs", 1, "sleep", 0.0));
        assertThat(runtime.awaitTraining("demo", after, Duration.ofMinutes(1)).path("status").asText()).isEqualTo("done");
    }

    /** Waits until the stubborn module logs the pid of the process it runs in. */
    private static long awaitChildPid(String model, String uuid) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofMinutes(1).toNanos();
        while (System.nanoTime() < deadline) {
            JsonNode lines = runtime.get("/v2/models/" + model + "/train/" + uuid + "/logs").json().path("lines");
            if (lines.size() > 0) {
                String line = lines.get(0).path("line").asText();
                long pid = Long.parseLong(line.substring(line.lastIndexOf(' ') + 1));
                assertThat(pid).isNotEqualTo(ProcessHandle.current().pid());
                return pid;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("training " + uuid + " did not start");
    }
}
