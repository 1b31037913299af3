package io.jdeepaas.runtime.training;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.jdeepaas.runtime.TestRuntime;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import okhttp3.FormBody;
import okhttp3.RequestBody;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Experiments: the reserved train argument, filters, the list with counts and the comparison. */
class ExperimentsApiTest {

    static TestRuntime runtime;
    static String oneEpoch;
    static String threeEpochs;
    static String failed;

    @BeforeAll
    static void start() throws Exception {
        runtime = TestRuntime.start("demo");
        oneEpoch = runtime.trainDemo(Map.of("epochs", 1, "sleep", 0, "experiment", "lr-sweep"));
        threeEpochs = runtime.post("/v2/models/demo/train/?experiment=lr-sweep",
                new FormBody.Builder().add("epochs", "3").add("sleep", "0").build()).json().path("uuid").asText();
        failed = runtime.post("/v2/models/demo/train/", TestRuntime.multipart().addFormDataPart("experiment", "other")
                .addFormDataPart("epochs", "2").addFormDataPart("sleep", "0").addFormDataPart("fail", "true").build())
                .json().path("uuid").asText();
        String loose = runtime.trainDemo(Map.of("epochs", 1, "sleep", 0));
        for (String uuid : List.of(oneEpoch, threeEpochs, failed, loose)) {
            runtime.awaitTraining("demo", uuid, Duration.ofSeconds(30));
        }
    }

    @AfterAll
    static void stop() {
        runtime.close();
    }

    @Test
    void theExperimentArgumentFromJsonQueryOrFormIsKeptOnTheRecordAndNeverPassedToTheModule() {
        for (String uuid : List.of(oneEpoch, threeEpochs)) {
            JsonNode record = runtime.get("/v2/models/demo/train/" + uuid).json();
            assertThat(record.path("status").asText()).isEqualTo("done");
            assertThat(record.path("experiment").asText()).isEqualTo("lr-sweep");
            assertThat(record.path("args").has("experiment")).isFalse();
        }
        assertThat(runtime.get("/v2/models/demo/train/" + failed).json().path("experiment").asText()).isEqualTo("other");
    }

    @Test
    void theTrainingListIsFilteredByExperimentAndStatus() {
        assertThat(runtime.get("/v2/models/demo/train/?experiment=lr-sweep").json().findValuesAsText("uuid"))
                .containsExactly(threeEpochs, oneEpoch);
        assertThat(runtime.get("/v2/models/demo/train/?experiment=lr-sweep&status=done").json()).hasSize(2);
        assertThat(runtime.get("/v2/models/demo/train/?experiment=lr-sweep&status=error").json()).isEmpty();
        assertThat(runtime.get("/v2/models/demo/train/?status=error").json().findValuesAsText("uuid")).contains(failed);
        TestRuntime.Answer bad = runtime.get("/v2/models/demo/train/?status=finished");
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.json().path("message").asText()).contains("status must be one of");
    }

    @Test
    void theExperimentListCountsRunsByStatus() {
        JsonNode experiments = runtime.get("/v2/experiments/").json().path("experiments");
        JsonNode sweep = find(experiments, "lr-sweep");
        assertThat(sweep.path("runs").asLong()).isEqualTo(2);
        assertThat(sweep.at("/statuses/done").asLong()).isEqualTo(2);
        assertThat(sweep.path("models").get(0).asText()).isEqualTo("demo");
        assertThat(find(experiments, "other").at("/statuses/error").asLong()).isEqualTo(1);
    }

    @Test
    void theComparisonShowsEveryRunsArgumentsAndFinalMetricsSideBySide() {
        JsonNode comparison = runtime.get("/v2/experiments/lr-sweep").json();
        assertThat(comparison.path("name").asText()).isEqualTo("lr-sweep");
        assertThat(comparison.path("arguments").toString()).contains("epochs", "sleep");
        assertThat(comparison.path("metrics").toString()).contains("loss");
        JsonNode runs = comparison.path("runs");
        assertThat(runs).hasSize(2);
        assertThat(runs.get(0).path("uuid").asText()).isEqualTo(threeEpochs);
        assertThat(runs.get(0).path("model").asText()).isEqualTo("demo");
        assertThat(runs.get(0).path("status").asText()).isEqualTo("done");
        assertThat(runs.get(0).at("/args/epochs").asLong()).isEqualTo(3);
        assertThat(runs.get(0).at("/metrics/loss").asDouble()).isEqualTo(1.0 / 3);
        assertThat(runs.get(1).at("/args/epochs").asLong()).isEqualTo(1);
        assertThat(runs.get(1).at("/metrics/loss").asDouble()).isEqualTo(1.0);
    }

    @Test
    void anUnknownExperimentIs404AndAnInvalidNameIs422() {
        assertThat(runtime.get("/v2/experiments/nothing-here").status()).isEqualTo(404);
        TestRuntime.Answer invalid = runtime.postJson("/v2/models/demo/train/", Map.of("experiment", "../x"));
        assertThat(invalid.status()).isEqualTo(422);
        assertThat(invalid.json().at("/errors/experiment/0").asText()).contains("letters, digits");
        assertThat(runtime.post("/v2/experiments/", RequestBody.create(new byte[0])).status()).isEqualTo(405);
    }

    private static JsonNode find(JsonNode experiments, String name) {
        for (JsonNode experiment : experiments) {
            if (experiment.path("name").asText().equals(name)) {
                return experiment;
            }
        }
        throw new AssertionError("no experiment " + name + " in " + experiments);
    }
}
