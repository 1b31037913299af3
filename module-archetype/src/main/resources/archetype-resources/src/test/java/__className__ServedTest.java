package ${package};

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import io.jdeepaas.testkit.JdeepaasRuntime;
import io.jdeepaas.testkit.RuntimeClient;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The module served by the real runtime, in this JVM on a free port, over HTTP. */
class ${className}ServedTest {

    @RegisterExtension
    static final JdeepaasRuntime runtime = JdeepaasRuntime.serving("${modelName}");

    @Test
    void predictsOverHttp() {
        RuntimeClient.Answer answer = runtime.client().predict("${modelName}", Map.of("x", 4));
        assertThat(answer.status()).isEqualTo(200);
        JsonNode line = answer.json().path("predictions");
        assertThat(line.path("y").asDouble()).isEqualTo(line.path("slope").asDouble() * 4 + line.path("intercept").asDouble());
        assertThat(runtime.client().predict("${modelName}", Map.of("x", "four")).status()).isEqualTo(422);
    }

    @Test
    void trainsOverHttpAndThenServesTheFittedLine() {
        JsonNode started = runtime.client().train("${modelName}", Map.of("epochs", 800));
        JsonNode done = runtime.client().follow("${modelName}", started.path("uuid").asText(), Duration.ofSeconds(60));
        assertThat(done.path("status").asText()).isEqualTo("done");
        assertThat(done.at("/result/slope").asDouble()).isCloseTo(3.0, within(0.05));
        double y = runtime.client().predict("${modelName}", Map.of("x", 10)).json().at("/predictions/y").asDouble();
        assertThat(y).isCloseTo(32.0, within(0.5));
    }
}
