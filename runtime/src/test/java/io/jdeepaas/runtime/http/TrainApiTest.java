package io.jdeepaas.runtime.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.jdeepaas.runtime.TestRuntime;
import java.nio.file.Files;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class TrainApiTest {

    static TestRuntime runtime;

    @BeforeAll
    static void start() {
        runtime = TestRuntime.start(c -> c.trainWorkers(2), "demo", "echo");
    }

    @AfterAll
    static void stop() {
        runtime.close();
    }

    @Test
    void aTrainingStartsAtOnceReportsProgressAndEndsDoneWithItsResult() throws Exception {
        JsonNode started = runtime.postJson("/v2/models/demo/train/", Map.of("epochs", 2, "sleep", 0.1)).json();
        assertThat(started.path("uuid").asText()).matches("[0-9a-f]{32}");
        assertThat(started.path("status").asText()).isIn("queued", "running");
        assertThat(started.path("model").asText()).isEqualTo("demo");
        assertThat(started.path("args").path("epochs").asLong()).isEqualTo(2);
        assertThat(started.path("date").asText()).contains("T");
        JsonNode done = runtime.awaitTraining("demo", started.path("uuid").asText(), Duration.ofSeconds(30));
        assertThat(done.path("status").asText()).isEqualTo("done");
        assertThat(done.at("/result/epochs").asLong()).isEqualTo(2);
        assertThat(done.at("/result/final_loss").isNumber()).isTrue();
        assertThat(done.at("/result/duration").asDouble()).isGreaterThan(0.1);
        assertThat(done.at("/progress/step").asLong()).isEqualTo(2);
        assertThat(done.at("/progress/total").asLong()).isEqualTo(2);
        assertThat(done.at("/progress/metrics/loss").isNumber()).isTrue();
        assertThat(Files.exists(runtime.dataDir().resolve("trainings/demo/" + started.path("uuid").asText()
                + "/output/model.txt"))).isTrue();
    }

    @Test
    void cancellingARunningTrainingReturnsTheCancelledRecordWithinTwoSeconds() throws Exception {
        String uuid = runtime.postJson("/v2/models/demo/train/", Map.of("epochs", 100, "sleep", 5)).json()
                .path("uuid").asText();
        long deadline = System.currentTimeMillis() + 10_000;
        while (!runtime.get("/v2/models/demo/train/" + uuid).json().path("status").asText().equals("running")) {
            assertThat(System.currentTimeMillis()).isLessThan(deadline);
            Thread.sleep(20);
        }
        long start = System.nanoTime();
        TestRuntime.Answer answer = runtime.delete("/v2/models/demo/train/" + uuid);
        long millis = (System.nanoTime() - start) / 1_000_000;
        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.json().path("status").asText()).isEqualTo("cancelled");
        assertThat(millis).isLessThan(2000);
        assertThat(runtime.get("/v2/models/demo/train/" + uuid).json().path("status").asText()).isEqualTo("cancelled");
    }

    @Test
    void aTrainingWhoseModuleThrowsEndsInErrorWithTheMessage() throws Exception {
        String uuid = runtime.postJson("/v2/models/demo/train/", Map.of("epochs", 3, "sleep", 0.05, "fail", true))
                .json().path("uuid").asText();
        JsonNode record = runtime.awaitTraining("demo", uuid, Duration.ofSeconds(30));
        assertThat(record.path("status").asText()).isEqualTo("error");
        assertThat(record.path("message").asText()).contains("failed in epoch 2");
        assertThat(runtime.postJson("/v2/models/demo/predict/", Map.of("text", "still here")).status()).isEqualTo(200);
    }

    @Test
    void trainingsAreListedNewestFirstAndFoundByUuid() throws Exception {
        String first = runtime.postJson("/v2/models/demo/train/", Map.of("epochs", 1, "sleep", 0)).json().path("uuid").asText();
        Thread.sleep(5);
        String second = runtime.postJson("/v2/models/demo/train/", Map.of("epochs", 1, "sleep", 0)).json().path("uuid").asText();
        runtime.awaitTraining("demo", second, Duration.ofSeconds(30));
        JsonNode list = runtime.get("/v2/models/demo/train/").json();
        assertThat(list.isArray()).isTrue();
        java.util.List<String> uuids = list.findValuesAsText("uuid");
        assertThat(uuids).contains(first, second);
        assertThat(uuids.indexOf(second)).isLessThan(uuids.indexOf(first));
        assertThat(runtime.get("/v2/models/demo/train/" + first).json().path("uuid").asText()).isEqualTo(first);
    }

    @Test
    void withoutAuthenticationEveryTrainingIsOwnedByAnonymousAndSeenByEveryCaller() {
        JsonNode started = runtime.postJson("/v2/models/demo/train/", Map.of("epochs", 1, "sleep", 0)).json();
        assertThat(started.path("owner").asText()).isEqualTo("anonymous");
        assertThat(runtime.get("/v2/models/demo/train/").json().findValuesAsText("owner")).containsOnly("anonymous");
        assertThat(runtime.get("/v2/models/demo/train/" + started.path("uuid").asText()).status()).isEqualTo(200);
    }

    @Test
    void anUnknownTrainingIs404AndInvalidTrainArgumentsAre422() {
        TestRuntime.Answer missing = runtime.get("/v2/models/demo/train/0123456789abcdef0123456789abcdef");
        assertThat(missing.status()).isEqualTo(404);
        assertThat(missing.json().path("message").asText()).contains("no training");
        assertThat(runtime.delete("/v2/models/demo/train/nope").status()).isEqualTo(404);
        TestRuntime.Answer invalid = runtime.postJson("/v2/models/demo/train/", Map.of("epochs", 0));
        assertThat(invalid.status()).isEqualTo(422);
        assertThat(invalid.json().at("/errors/epochs/0").asText()).contains("at least 1");
    }

    @Test
    void aRunningTrainingDoesNotBlockPredictions() throws Exception {
        String uuid = runtime.postJson("/v2/models/demo/train/", Map.of("epochs", 50, "sleep", 1)).json().path("uuid").asText();
        long start = System.nanoTime();
        assertThat(runtime.postJson("/v2/models/demo/predict/", Map.of("text", "during")).status()).isEqualTo(200);
        assertThat((System.nanoTime() - start) / 1_000_000).isLessThan(1000);
        runtime.delete("/v2/models/demo/train/" + uuid);
    }
}
