package io.jdeepaas.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The served half of the kit: the real runtime in-process with the module under test, and its client. */
class ServedModuleTest {

    @RegisterExtension
    static final JdeepaasRuntime runtime = JdeepaasRuntime.serving("echo");

    @Test
    void predictAnswersOverHttp() {
        RuntimeClient.Answer answer = runtime.client().predict("echo", Map.of("text", "hi", "times", 2));
        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.json().at("/predictions/echo").asText()).isEqualTo("hihi");
        assertThat(runtime.client().predict("echo", Map.of("times", 2)).status()).isEqualTo(422);
    }

    @Test
    void aTrainingIsFollowedToItsEnd() {
        JsonNode started = runtime.client().train("echo", Map.of("epochs", 3));
        JsonNode done = runtime.client().follow("echo", started.path("uuid").asText(), Duration.ofSeconds(30));
        assertThat(done.path("status").asText()).isEqualTo("done");
        assertThat(done.at("/result/epochs").asInt()).isEqualTo(3);
    }

    @Test
    void aTrainingIsCancelled() {
        JsonNode started = runtime.client().train("echo", Map.of("epochs", 1000, "sleep_ms", 50));
        String uuid = started.path("uuid").asText();
        runtime.client().cancel("echo", uuid);
        assertThat(runtime.client().follow("echo", uuid, Duration.ofSeconds(30)).path("status").asText())
                .isEqualTo("cancelled");
    }

    @Test
    void inferOnAModuleWithoutTensorsIsNotImplemented() {
        assertThat(runtime.client().infer("echo", Map.of("inputs", java.util.List.of())).status()).isEqualTo(501);
    }
}
