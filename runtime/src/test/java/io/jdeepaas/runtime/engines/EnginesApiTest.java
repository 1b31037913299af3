package io.jdeepaas.runtime.engines;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.jdeepaas.runtime.TestRuntime;
import io.jdeepaas.runtime.config.RuntimeConfig;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import okhttp3.MediaType;
import okhttp3.RequestBody;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The DJL-backed example modules, served side by side by one runtime over real HTTP. */
class EnginesApiTest {

    static TestRuntime runtime;

    @BeforeAll
    static void start() {
        Path store = Path.of("..", "modules-example", "src", "test", "resources", "model-store").toAbsolutePath();
        runtime = TestRuntime.start(c -> c.trainWorkers(2).device("auto")
                .settings(Map.of("model-store", store.toString())), "demo", "iris", "digits", "linear");
    }

    @AfterAll
    static void stop() {
        runtime.close();
    }

    @Test
    void engineModelsAreReadyOnTheCpuAndNameTheirEngineAndVersion() {
        JsonNode iris = runtime.get("/v2/models/iris/").json();
        assertThat(iris.path("state").asText()).isEqualTo("ready");
        assertThat(iris.path("device").asText()).isEqualTo("cpu");
        assertThat(iris.path("engine").asText()).isEqualTo("PyTorch");
        assertThat(iris.path("engine_version").asText()).startsWith("2.7.1");
        assertThat(runtime.get("/v2/models/digits/").json().path("state").asText()).isEqualTo("ready");
        assertThat(runtime.get("/v2/models/linear/").json().path("state").asText()).isEqualTo("ready");
        JsonNode debug = runtime.get("/v2/debug").json();
        assertThat(debug.at("/engines/offline").asBoolean()).isTrue();
    }

    @Test
    void irisClassifiesAFlowerGivenByItsFourMeasurements() {
        JsonNode answer = runtime.postJson("/v2/models/iris/predict/", Map.of("sepal_length", 5.1,
                "sepal_width", 3.5, "petal_length", 1.4, "petal_width", 0.2)).json();
        assertThat(answer.at("/predictions/class").asText()).isEqualTo("setosa");
        JsonNode probabilities = answer.at("/predictions/probabilities");
        double sum = probabilities.path("setosa").asDouble() + probabilities.path("versicolor").asDouble()
                + probabilities.path("virginica").asDouble();
        assertThat(sum).isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-3));
        JsonNode rows = runtime.postJson("/v2/models/iris/predict/",
                Map.of("rows", List.of(5.1, 3.5, 1.4, 0.2, 6.7, 3.0, 5.2, 2.3))).json().path("predictions");
        assertThat(rows.findValuesAsText("class")).containsExactly("setosa", "virginica");
    }

    @Test
    void irisTrainsThroughTheApiAndThenServesTheNewWeights() throws Exception {
        JsonNode started = runtime.postJson("/v2/models/iris/train/", Map.of("seed", 7)).json();
        String uuid = started.path("uuid").asText();
        JsonNode record = runtime.awaitTraining("iris", uuid, Duration.ofMinutes(5));
        assertThat(record.path("status").asText()).as(record.toString()).isEqualTo("done");
        assertThat(record.at("/result/val_accuracy").asDouble()).isGreaterThanOrEqualTo(0.9);
        assertThat(record.at("/progress/metrics/val_accuracy").asDouble()).isGreaterThanOrEqualTo(0.9);
        JsonNode answer = runtime.postJson("/v2/models/iris/predict/", Map.of("sepal_length", 6.7,
                "sepal_width", 3.0, "petal_length", 5.2, "petal_width", 2.3)).json();
        assertThat(answer.at("/predictions/weights").asText()).isEqualTo(uuid);
        assertThat(answer.at("/predictions/class").asText()).isEqualTo("virginica");
        assertThat(runtime.get("/v2/models/iris/").json().toString()).contains(uuid);
    }

    @Test
    void cancellingAnIrisTrainingStopsItWithinOneEpoch() throws Exception {
        String uuid = runtime.postJson("/v2/models/iris/train/", Map.of("epochs", 1000)).json().path("uuid").asText();
        long deadline = System.currentTimeMillis() + 60_000;
        while (runtime.get("/v2/models/iris/train/" + uuid).json().at("/progress/step").asLong() < 1) {
            assertThat(System.currentTimeMillis()).isLessThan(deadline);
            Thread.sleep(20);
        }
        JsonNode cancelled = runtime.delete("/v2/models/iris/train/" + uuid).json();
        JsonNode record = runtime.awaitTraining("iris", uuid, Duration.ofSeconds(10));
        assertThat(record.path("status").asText()).isEqualTo("cancelled");
        assertThat(record.at("/progress/step").asLong()).isLessThan(1000);
        assertThat(cancelled.path("status").asText()).isIn("cancelled", "cancelling");
    }

    @Test
    void digitsReadsAnUploadedPngOfAnySize() throws Exception {
        for (int digit : new int[] {3, 7}) {
            TestRuntime.Answer answer = runtime.post("/v2/models/digits/predict/", TestRuntime.multipart()
                    .addFormDataPart("image", digit + ".png", RequestBody.create(png(digit, 90), MediaType.get("image/png")))
                    .addFormDataPart("top_k", "2").build());
            assertThat(answer.status()).as(answer.text()).isEqualTo(200);
            JsonNode predictions = answer.json().path("predictions");
            assertThat(predictions).hasSize(2);
            assertThat(predictions.get(0).path("digit").asInt()).isEqualTo(digit);
        }
        TestRuntime.Answer notAnImage = runtime.post("/v2/models/digits/predict/", TestRuntime.multipart()
                .addFormDataPart("image", "x.png", RequestBody.create("not a picture".getBytes(), null)).build());
        assertThat(notAnImage.status()).isEqualTo(422);
        assertThat(notAnImage.json().path("errors").has("image")).isTrue();
    }

    @Test
    void aModelFolderTorchScriptModelAnswersAJsonTensor() {
        TestRuntime.Answer answer = runtime.postJson("/v2/models/linear/predict/",
                Map.of("inputs", Map.of("x", List.of(List.of(1.0, 2.0, 3.0, 4.0)))));
        assertThat(answer.status()).as(answer.text()).isEqualTo(200);
        assertThat(answer.text()).contains("outputs");
    }

    static byte[] png(int digit, int size) throws Exception {
        BufferedImage image = new BufferedImage(size, size, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, size, size);
        g.setColor(Color.BLACK);
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, size * 3 / 4));
        var metrics = g.getFontMetrics();
        String text = String.valueOf(digit);
        g.drawString(text, (size - metrics.stringWidth(text)) / 2, (size + metrics.getAscent() - metrics.getDescent()) / 2);
        g.dispose();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(image, "png", out);
        return out.toByteArray();
    }
}
