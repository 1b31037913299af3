package io.jdeepaas.examples.demo;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.jdeepaas.testkit.JdeepaasRuntime;
import io.jdeepaas.testkit.RuntimeClient;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The demo module served by the real runtime in this JVM, over HTTP, with the test kit's client. */
class DemoServedTest {

    @RegisterExtension
    static final JdeepaasRuntime runtime = JdeepaasRuntime.serving("demo");

    @Test
    void predictEchoesTheParsedArgumentsWithTheirDefaults() {
        RuntimeClient.Answer answer = runtime.client().predict("demo", Map.of("text", "hi", "numbers", List.of(1, 2.5)));
        assertThat(answer.status()).as(answer.text()).isEqualTo(200);
        JsonNode predictions = answer.json().path("predictions");
        assertThat(predictions.path("text").asText()).isEqualTo("hi");
        assertThat(predictions.path("number").asLong()).isEqualTo(50);
        assertThat(predictions.at("/types/number").asText()).isEqualTo("Long");
        assertThat(predictions.at("/numbers/1").asDouble()).isEqualTo(2.5);
    }

    @Test
    void badArgumentsAreA422ListingEachOne() {
        RuntimeClient.Answer answer = runtime.client().predict("demo", Map.of("number", 500, "choice", "z"));
        assertThat(answer.status()).isEqualTo(422);
        assertThat(answer.json().path("errors").has("text")).isTrue();
        assertThat(answer.json().path("errors").has("number")).isTrue();
        assertThat(answer.json().path("errors").has("choice")).isTrue();
    }

    @Test
    void aTrainingRunsToItsEndAndACancelledOneStops() {
        JsonNode started = runtime.client().train("demo", Map.of("epochs", 2, "sleep", 0.01));
        JsonNode done = runtime.client().follow("demo", started.path("uuid").asText(), Duration.ofSeconds(60));
        assertThat(done.path("status").asText()).isEqualTo("done");
        assertThat(done.at("/result/final_loss").asDouble()).isEqualTo(0.5);

        String uuid = runtime.client().train("demo", Map.of("epochs", 100, "sleep", 1.0)).path("uuid").asText();
        runtime.client().cancel("demo", uuid);
        assertThat(runtime.client().follow("demo", uuid, Duration.ofSeconds(30)).path("status").asText())
                .isEqualTo("cancelled");
    }
}
