package io.jdeepaas.runtime.training;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.jdeepaas.runtime.TestRuntime;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import okhttp3.Request;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The stored metrics series, log lines and lifecycle timestamps of a training. */
class TrainingMetricsAndLogsTest {

    static TestRuntime runtime;

    @BeforeAll
    static void start() {
        runtime = TestRuntime.start("demo");
    }

    @AfterAll
    static void stop() {
        runtime.close();
    }

    @Test
    void theMetricsRouteReturnsTheWholeSeriesAndTheRecordItsLatestProgress() throws Exception {
        String uuid = runtime.trainDemo(Map.of("epochs", 4, "sleep", 0.05));
        JsonNode record = runtime.awaitTraining("demo", uuid, Duration.ofSeconds(30));
        JsonNode metrics = runtime.get("/v2/models/demo/train/" + uuid + "/metrics").json();
        assertThat(metrics.path("uuid").asText()).isEqualTo(uuid);
        JsonNode loss = metrics.at("/series/loss");
        assertThat(loss).hasSize(4);
        for (int i = 0; i < 4; i++) {
            assertThat(loss.get(i).path("step").asLong()).isEqualTo(i + 1);
            assertThat(loss.get(i).path("value").asDouble()).isEqualTo(1.0 / (i + 1));
            assertThat(loss.get(i).path("time").asText()).contains("T");
        }
        assertThat(record.at("/progress/step").asLong()).isEqualTo(4);
        assertThat(record.at("/progress/metrics/loss").asDouble()).isEqualTo(0.25);
    }

    @Test
    void theLogsRouteReturnsTheLinesAsJsonOrPlainText() throws Exception {
        String uuid = runtime.trainDemo(Map.of("epochs", 2, "sleep", 0));
        runtime.awaitTraining("demo", uuid, Duration.ofSeconds(30));
        JsonNode logs = runtime.get("/v2/models/demo/train/" + uuid + "/logs").json();
        assertThat(logs.path("lines")).hasSize(2);
        assertThat(logs.at("/lines/0/seq").asLong()).isEqualTo(1);
        assertThat(logs.at("/lines/0/line").asText()).isEqualTo("epoch 1/2 loss=1.0000");
        TestRuntime.Answer text = runtime.send(new Request.Builder()
                .url(runtime.url("/v2/models/demo/train/" + uuid + "/logs")).header("Accept", "text/plain").build());
        assertThat(text.header("Content-Type")).startsWith("text/plain");
        assertThat(text.text()).isEqualTo("epoch 1/2 loss=1.0000\nepoch 2/2 loss=0.5000\n");
    }

    @Test
    void aRecordCarriesItsCreatedStartedAndFinishedTimesAndItsDuration() throws Exception {
        String uuid = runtime.trainDemo(Map.of("epochs", 2, "sleep", 0.2));
        JsonNode record = runtime.awaitTraining("demo", uuid, Duration.ofSeconds(30));
        Instant created = Instant.parse(record.path("created").asText());
        Instant started = Instant.parse(record.path("started").asText());
        Instant finished = Instant.parse(record.path("finished").asText());
        assertThat(record.path("date").asText()).isEqualTo(record.path("created").asText());
        assertThat(created).isBeforeOrEqualTo(started);
        assertThat(started).isBefore(finished);
        assertThat(record.path("duration").asDouble()).isGreaterThanOrEqualTo(0.4)
                .isCloseTo(Duration.between(started, finished).toMillis() / 1000.0, org.assertj.core.data.Offset.offset(0.01));
    }
}
