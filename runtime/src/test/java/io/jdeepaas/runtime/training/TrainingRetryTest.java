package io.jdeepaas.runtime.training;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.jdeepaas.runtime.TestRuntime;
import java.time.Duration;
import java.util.Map;
import okhttp3.RequestBody;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** {@code POST /v2/models/{name}/train/{uuid}/retry}. */
class TrainingRetryTest {

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
    void aRetryRunsANewTrainingWithTheSameArgumentsAndExperimentLinkedToTheOriginal() throws Exception {
        String original = runtime.trainDemo(Map.of("epochs", 2, "sleep", 0, "fail", true, "experiment", "retries"));
        JsonNode failed = runtime.awaitTraining("demo", original, Duration.ofSeconds(30));
        assertThat(failed.path("status").asText()).isEqualTo("error");

        TestRuntime.Answer answer = runtime.post("/v2/models/demo/train/" + original + "/retry",
                RequestBody.create(new byte[0]));
        assertThat(answer.status()).as(answer.text()).isEqualTo(200);
        JsonNode retry = answer.json();
        assertThat(retry.path("uuid").asText()).matches("[0-9a-f]{32}").isNotEqualTo(original);
        assertThat(retry.path("retry_of").asText()).isEqualTo(original);
        assertThat(retry.path("experiment").asText()).isEqualTo("retries");
        assertThat(retry.path("args")).isEqualTo(failed.path("args"));
        JsonNode ended = runtime.awaitTraining("demo", retry.path("uuid").asText(), Duration.ofSeconds(30));
        assertThat(ended.path("status").asText()).isEqualTo("error");
        assertThat(ended.path("message").asText()).contains("epoch 2");
    }

    @Test
    void retryingAnUnknownTrainingIs404() {
        TestRuntime.Answer answer = runtime.post("/v2/models/demo/train/0123456789abcdef0123456789abcdef/retry",
                RequestBody.create(new byte[0]));
        assertThat(answer.status()).isEqualTo(404);
        assertThat(answer.json().path("message").asText()).contains("no training");
    }
}
