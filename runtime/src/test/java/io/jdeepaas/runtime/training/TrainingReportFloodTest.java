package io.jdeepaas.runtime.training;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.jdeepaas.runtime.TestRuntime;
import io.jdeepaas.runtime.config.TrainIsolation;
import io.jdeepaas.runtime.fixtures.ChattyModel;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A module that reports progress and metrics for 5,000 steps as fast as it can: in either isolation
 * mode its training ends {@code done}, with its last step and every metric value recorded, and in
 * thread mode the reports cost it little (the precise figure is in {@code bench/reporting.sh}).
 */
class TrainingReportFloodTest {

    private static final int STEPS = 5000;

    @Test
    void aTrainingReportingEveryStepAsFastAsItCanEndsDoneWithEveryValueInThreadMode() throws Exception {
        try (TestRuntime runtime = TestRuntime.start("chatty")) {
            JsonNode record = trainAndCheck(runtime);

            assertThat(record.at("/result/duration").asDouble()).as("5,000 reports took pathologically long: "
                    + record).isLessThan(5.0);
        }
    }

    @Test
    void aTrainingReportingEveryStepAsFastAsItCanEndsDoneWithEveryValueInProcessMode() throws Exception {
        try (TestRuntime runtime = TestRuntime.start(c -> c.trainIsolation(TrainIsolation.PROCESS), "chatty")) {
            trainAndCheck(runtime);
        }
    }

    private static JsonNode trainAndCheck(TestRuntime runtime) throws InterruptedException {
        TestRuntime.Answer started = runtime.postJson("/v2/models/chatty/train/", Map.of("steps", STEPS));
        assertThat(started.status()).as(started.text()).isEqualTo(200);
        String uuid = started.json().path("uuid").asText();

        JsonNode record = runtime.awaitTraining("chatty", uuid, Duration.ofMinutes(2));

        assertThat(record.path("status").asText()).as(record.toString()).isEqualTo("done");
        assertThat(record.at("/progress/step").asLong()).isEqualTo(STEPS);
        assertThat(record.at("/progress/total").asLong()).isEqualTo(STEPS);
        assertThat(record.at("/progress/metrics/loss").asDouble()).isEqualTo(ChattyModel.loss(STEPS));
        assertThat(record.at("/result/steps").asLong()).isEqualTo(STEPS);
        JsonNode loss = runtime.get("/v2/models/chatty/train/" + uuid + "/metrics").json().at("/series/loss");
        assertThat(loss).hasSize(STEPS);
        for (int i = 0; i < STEPS; i += 997) {
            assertThat(loss.get(i).path("step").asLong()).isEqualTo(i + 1);
            assertThat(loss.get(i).path("value").asDouble()).isEqualTo(ChattyModel.loss(i + 1));
        }
        JsonNode last = loss.get(STEPS - 1);
        assertThat(last.path("step").asLong()).isEqualTo(STEPS);
        assertThat(last.path("value").asDouble()).isEqualTo(ChattyModel.loss(STEPS));
        return record;
    }
}
