package io.jdeepaas.runtime.registry;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.jdeepaas.runtime.TestRuntime;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * What a module returns is checked once, in the wrapper: Optional and java.time values are written,
 * and what JSON cannot hold (NaN, Infinity, an object without properties, a map containing itself, a
 * binary result of a type the module did not declare) is a short 500 naming the module and the type.
 */
class ResultMappingApiTest {

    static TestRuntime runtime;

    @BeforeAll
    static void start() {
        runtime = TestRuntime.start("odd-results");
    }

    @AfterAll
    static void stop() {
        runtime.close();
    }

    private static TestRuntime.Answer predict(String kind) {
        return runtime.postJson("/v2/models/odd-results/predict/", Map.of("kind", kind));
    }

    @Test
    void optionalValuesAreWrittenAsTheirContentOrNull() {
        TestRuntime.Answer answer = predict("optional");
        assertThat(answer.status()).as(answer.text()).isEqualTo(200);
        assertThat(answer.json().at("/predictions/best").asText()).isEqualTo("cat");
        assertThat(answer.json().at("/predictions/runner_up").isNull()).isTrue();
        assertThat(predict("empty").json().path("predictions").isNull()).isTrue();
    }

    @Test
    void javaTimeValuesAreWrittenAsIsoText() {
        JsonNode predictions = predict("time").json().path("predictions");
        assertThat(predictions.path("at").asText()).isEqualTo("2026-01-02T03:04:05Z");
        assertThat(predictions.path("day").asText()).isEqualTo("2026-01-02");
        assertThat(predictions.path("took").asText()).isEqualTo("PT1.5S");
    }

    @Test
    void nanAndInfinityAreAFiveHundredNamingTheModuleAndWhere() {
        for (String kind : new String[] {"nan", "infinity", "nan-array"}) {
            TestRuntime.Answer answer = predict(kind);
            assertThat(answer.status()).as(kind).isEqualTo(500);
            assertThat(answer.json().path("message").asText()).as(kind)
                    .contains("model 'odd-results'", "is not a JSON number", "$.score");
        }
    }

    @Test
    void anObjectWithoutPropertiesIsAFiveHundredNamingItsType() {
        TestRuntime.Answer answer = predict("opaque");
        assertThat(answer.status()).isEqualTo(500);
        assertThat(answer.json().path("message").asText()).contains("model 'odd-results'", "Opaque",
                "has no properties");
    }

    @Test
    void aMapThatContainsItselfIsAShortFiveHundred() {
        TestRuntime.Answer answer = predict("self");
        assertThat(answer.status()).isEqualTo(500);
        String message = answer.json().path("message").asText();
        assertThat(message).contains("model 'odd-results'", "map", "itself");
        assertThat(message.length()).isLessThan(400);
    }

    @Test
    void aBinaryResultOfAnUndeclaredTypeIsRefused() {
        TestRuntime.Answer answer = runtime.post("/v2/models/odd-results/predict/",
                okhttp3.RequestBody.create("{\"kind\":\"png\"}", okhttp3.MediaType.get("application/json")),
                "application/json");
        assertThat(answer.status()).isEqualTo(500);
        assertThat(answer.header("Content-Type")).startsWith("application/json");
        assertThat(answer.json().path("message").asText()).contains("model 'odd-results'", "image/png",
                "declares only application/json");
    }

    @Test
    void aTrainingResultIsCheckedTheSameWay() throws Exception {
        TestRuntime.Answer started = runtime.postJson("/v2/models/odd-results/train/", Map.of("kind", "time"));
        JsonNode done = runtime.awaitTraining("odd-results", started.json().path("uuid").asText(), Duration.ofSeconds(30));
        assertThat(done.path("status").asText()).isEqualTo("done");
        assertThat(done.at("/result/at").asText()).isEqualTo("2026-01-02T03:04:05Z");
        TestRuntime.Answer nan = runtime.postJson("/v2/models/odd-results/train/", Map.of("kind", "nan"));
        JsonNode failed = runtime.awaitTraining("odd-results", nan.json().path("uuid").asText(), Duration.ofSeconds(30));
        assertThat(failed.path("status").asText()).isEqualTo("error");
        assertThat(failed.path("message").asText()).contains("model 'odd-results'", "is not a JSON number");
    }
}
