package io.jdeepaas.runtime.hostile;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.jdeepaas.runtime.TestRuntime;
import java.time.Duration;
import java.util.Iterator;
import java.util.Map;

/** The set-up the hostile-client tests share: one small-limit runtime, and checks on error bodies. */
final class Hostile {

    /** The body limit of the runtime these tests start. */
    static final long LIMIT = 1024 * 1024;

    private Hostile() {
    }

    /** Starts demo (predict, train) and identity (infer) with a 1 MB body limit, 20 parts and a 2 s idle timeout. */
    static TestRuntime start() {
        return TestRuntime.start(c -> c.maxUploadSize(LIMIT).maxParts(20).idleTimeout(Duration.ofSeconds(2))
                .trainWorkers(1), "demo", "identity");
    }

    /** @return a valid inference request for the identity model */
    static String inferBody() {
        return "{\"inputs\":[{\"name\":\"x\",\"shape\":[1,4],\"datatype\":\"FP32\",\"data\":[5.1,3.5,1.4,0.2]}]}";
    }

    /**
     * Checks an error body: JSON, the route family's one key, a message without a Java class name
     * or a stack trace.
     *
     * @return the message
     */
    static String message(JsonNode body, String key) {
        assertThat(body.isObject()).as(body.toString()).isTrue();
        String other = key.equals("error") ? "message" : "error";
        assertThat(body.has(other)).as(body.toString()).isFalse();
        String message = body.path(key).asText();
        assertThat(message).as(body.toString()).isNotBlank()
                .doesNotContainPattern("\\b(java|javax|jakarta|org|io|com)\\.[a-z]+\\.")
                .doesNotContainPattern("\\w\\$\\w")
                .doesNotContainPattern("(Exception|Error)\\b")
                .doesNotContain("\tat ");
        for (Iterator<Map.Entry<String, JsonNode>> fields = body.fields(); fields.hasNext(); ) {
            String name = fields.next().getKey();
            assertThat(name).isIn(key, "errors");
        }
        return message;
    }
}
