package io.jdeepaas.runtime.engines;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.jdeepaas.runtime.TestRuntime;
import io.jdeepaas.runtime.config.RuntimeConfig;
import java.awt.Font;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
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
                .settings(Map.of("model-store", store.toString())), "demo", "iris", "digits", "tf-iris", "linear");
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

    @Test
    void pytorchAndTensorFlowServeSideBySideAndTfIrisEqualsTheLinearModelComputedInPlainJava() throws Exception {
        assertThat(runtime.get("/v2/models/tf-iris/").json().path("engine").asText()).isEqualTo("TensorFlow");
        assertThat(runtime.get("/v2/models/tf-iris/").json().path("engine_version").asText()).isEqualTo("2.16.1");
        double[] flower = {6.3, 3.3, 6.0, 2.5};
        JsonNode answer = runtime.postJson("/v2/models/tf-iris/predict/", Map.of("sepal_length", flower[0],
                "sepal_width", flower[1], "petal_length", flower[2], "petal_width", flower[3])).json().path("predictions");
        double[] expected = TfIrisTest.independently(flower);
        String[] species = {"setosa", "versicolor", "virginica"};
        for (int k = 0; k < 3; k++) {
            assertThat(answer.at("/probabilities/" + species[k]).asDouble())
                    .isCloseTo(expected[k], org.assertj.core.data.Offset.offset(1e-6));
        }
        assertThat(answer.path("class").asText()).isEqualTo("virginica");
        assertThat(runtime.postJson("/v2/models/iris/predict/", Map.of("rows", List.of(6.3, 3.3, 6.0, 2.5)))
                .json().at("/predictions/0/class").asText()).isEqualTo("virginica");
        TestRuntime.Answer train = runtime.postJson("/v2/models/tf-iris/train/", Map.of());
        assertThat(train.status()).isEqualTo(501);
        assertThat(train.json().path("message").asText()).contains("'tf-iris' does not implement train");
        assertThat(runtime.get("/v2/models/tf-iris/").json().path("description").asText()).contains("inference only");
    }

    @Test
    void digitsReadsAtLeastNinetyPercentOfFreshlyRenderedDigitsOverHttp() throws Exception {
        java.util.Random random = new java.util.Random(20261125);
        String[] fonts = {Font.SANS_SERIF, Font.SERIF, Font.MONOSPACED, Font.DIALOG};
        int right = 0;
        int total = 50;
        for (int i = 0; i < total; i++) {
            int digit = i % 10;
            byte[] image = png(digit, 40 + random.nextInt(120), fonts[random.nextInt(fonts.length)],
                    random.nextBoolean() ? Font.BOLD : Font.PLAIN, Math.toRadians(random.nextDouble() * 20 - 10));
            JsonNode answer = runtime.post("/v2/models/digits/predict/", TestRuntime.multipart()
                    .addFormDataPart("image", "d.png", RequestBody.create(image, MediaType.get("image/png"))).build()).json();
            if (answer.at("/predictions/0/digit").asInt() == digit) {
                right++;
            }
        }
        assertThat(right).as("digits read right out of " + total).isGreaterThanOrEqualTo(total * 9 / 10);
    }

    @Test
    void concurrentIrisPredictionsOverHttpEachGetTheirOwnAnswer() throws Exception {
        List<List<Double>> flowers = new java.util.ArrayList<>();
        for (int i = 0; i < 24; i++) {
            flowers.add(List.of(4.5 + i * 0.15, 2.2 + (i % 5) * 0.3, 1.0 + i * 0.25, 0.1 + i * 0.1));
        }
        Map<List<Double>, String> serial = new java.util.HashMap<>();
        for (List<Double> flower : flowers) {
            serial.put(flower, runtime.postJson("/v2/models/iris/predict/", Map.of("rows", flower)).json()
                    .at("/predictions/0/probabilities").toString());
        }
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(8);
        try {
            List<java.util.concurrent.Future<Boolean>> checks = new java.util.ArrayList<>();
            for (int round = 0; round < 5; round++) {
                for (List<Double> flower : flowers) {
                    checks.add(pool.submit(() -> runtime.postJson("/v2/models/iris/predict/", Map.of("rows", flower))
                            .json().at("/predictions/0/probabilities").toString().equals(serial.get(flower))));
                }
            }
            for (var check : checks) {
                assertThat(check.get()).isTrue();
            }
        } finally {
            pool.shutdownNow();
        }
    }

    static byte[] png(int digit, int size) throws Exception {
        return io.jdeepaas.bench.DigitsPng.render(digit, size);
    }

    static byte[] png(int digit, int size, String font, int style, double radians) throws Exception {
        return io.jdeepaas.bench.DigitsPng.render(digit, size, font, style, radians);
    }
}
