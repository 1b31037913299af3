package io.jdeepaas.runtime.oip;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import io.jdeepaas.examples.digits.DigitImages;
import io.jdeepaas.examples.digits.DigitRenderer;
import io.jdeepaas.runtime.TestRuntime;
import io.jdeepaas.spi.Tensor;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Tensor inference on the DJL-backed examples over real HTTP, including the KServe V2
 * documentation's examples (an FP32 input of shape [1, 4], a BYTES input), and batching on
 * {@code iris} with concurrent requests whose answers differ.
 */
class ExampleModelsInferTest {

    static TestRuntime runtime;

    @BeforeAll
    static void start() {
        Path store = Path.of("..", "modules-example", "src", "test", "resources", "model-store").toAbsolutePath();
        runtime = TestRuntime.start(c -> c.settings(Map.of("model-store", store.toString()))
                        .modelSettings(Map.of("iris", Map.of("max-batch-size", "32", "max-batch-delay", "20"))),
                "iris", "tf-iris", "digits", "linear", "identity");
    }

    @AfterAll
    static void stop() {
        runtime.close();
    }

    private static InferResponse infer(String model, Object request) throws Exception {
        TestRuntime.Answer answer = runtime.postJson("/v2/models/" + model + "/infer", request);
        assertThat(answer.status()).as(answer.text()).isEqualTo(200);
        return OipJson.responses(TestRuntime.JSON).readValue(answer.body());
    }

    /** The KServe V2 documentation's iris request: one FP32 row of shape [1, 4], nested. */
    private static Map<String, Object> kserveIrisExample() {
        return Map.of("inputs", List.of(Map.of("name", "input", "shape", List.of(1, 4), "datatype", "FP32",
                "data", List.of(List.of(6.8, 2.8, 4.8, 1.4)))));
    }

    @Test
    void theKServeFp32ExampleOfShape1x4IsAnsweredByIrisAndTfIris() throws Exception {
        for (String model : List.of("iris", "tf-iris")) {
            InferResponse response = infer(model, kserveIrisExample());
            assertThat(response.modelName()).isEqualTo(model);
            Tensor probabilities = response.output("probabilities");
            assertThat(probabilities.shape()).as(model).containsExactly(1, 3);
            float[] p = probabilities.floats();
            assertThat(p[0] + p[1] + p[2]).as(model).isCloseTo(1f, within(1e-3f));
            Tensor label = response.output("class");
            assertThat(label.shape()).containsExactly(1);
            assertThat(label.strings()).as(model).containsExactly("versicolor");
        }
    }

    @Test
    void theKServeBytesExampleComesBackAsBytesOfTheSameShape() throws Exception {
        Map<String, Object> request = Map.of("id", "bytes-1", "inputs", List.of(Map.of("name", "input-0",
                "shape", List.of(2), "datatype", "BYTES",
                "data", List.of("I loved this food, it was very good", "I don't loved this food, it was not good"))));
        InferResponse response = infer("identity", request);
        assertThat(response.id()).isEqualTo("bytes-1");
        Tensor text = response.output("input-0");
        assertThat(text.datatype().name()).isEqualTo("BYTES");
        assertThat(text.shape()).containsExactly(2);
        assertThat(text.strings()).containsExactly("I loved this food, it was very good",
                "I don't loved this food, it was not good");
    }

    @Test
    void theKServeDocumentationsInconsistentBoolInputIsRefusedWith400() {
        // from the protocol's documentation: input1 has shape [3] but one element
        TestRuntime.Answer answer = runtime.postJson("/v2/models/identity/infer", Map.of("id", "42", "inputs", List.of(
                Map.of("name", "input0", "shape", List.of(2, 2), "datatype", "UINT32", "data", List.of(1, 2, 3, 4)),
                Map.of("name", "input1", "shape", List.of(3), "datatype", "BOOL", "data", List.of(true))),
                "outputs", List.of(Map.of("name", "output0"))));
        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.json().path("error").asText())
                .isEqualTo("tensor 'input1' has shape [3], which needs 3 elements, but its data has 1");
    }

    @Test
    void theModelMetadataOfTheExamplesNamesTheirPlatformAndTensors() {
        JsonNode iris = runtime.get("/v2/models/iris").json();
        assertThat(iris.path("platform").asText()).isEqualTo("djl_pytorch");
        assertThat(iris.path("inputs").toString()).isEqualTo("[{\"name\":\"input\",\"datatype\":\"FP32\",\"shape\":[-1,4]}]");
        assertThat(iris.at("/outputs/0").toString())
                .isEqualTo("{\"name\":\"probabilities\",\"datatype\":\"FP32\",\"shape\":[-1,3]}");
        assertThat(iris.path("engine").asText()).isEqualTo("PyTorch");
        assertThat(runtime.get("/v2/models/tf-iris").json().path("platform").asText()).isEqualTo("tensorflow_savedmodel");
        JsonNode digits = runtime.get("/v2/models/digits").json();
        assertThat(digits.at("/inputs/0/shape").toString()).isEqualTo("[-1,1,28,28]");
        JsonNode linear = runtime.get("/v2/models/linear").json();
        assertThat(linear.path("platform").asText()).isEqualTo("pytorch_torchscript");
        assertThat(linear.path("inputs").toString()).isEqualTo("[{\"name\":\"x\",\"datatype\":\"FP32\",\"shape\":[-1,4]}]");
        assertThat(linear.path("versions").toString()).isEqualTo("[\"1\"]");
    }

    @Test
    void digitsReadsRenderedDigitsGivenAsTensors() throws Exception {
        Random random = new Random(3);
        int[] digits = {0, 3, 7, 9};
        int pixels = DigitImages.SIZE * DigitImages.SIZE;
        float[] images = new float[digits.length * pixels];
        for (int i = 0; i < digits.length; i++) {
            float[] one = DigitImages.toInput(DigitRenderer.render(digits[i], random), DigitImages.Placement.CENTERED);
            System.arraycopy(one, 0, images, i * pixels, pixels);
        }
        InferResponse response = infer("digits", InferRequest.of("d",
                Tensor.fp32("image", new long[] {digits.length, 1, 28, 28}, images)));
        assertThat(response.output("probabilities").shape()).containsExactly(digits.length, 10);
        assertThat(response.output("digit").longs()).containsExactly(0, 3, 7, 9);
    }

    @Test
    void aFolderModelInfersFromItsDescriptorsInputs() throws Exception {
        InferResponse response = infer("linear", InferRequest.of("lin",
                Tensor.fp32("x", new long[] {2, 4}, 1, 1, 1, 1, 0, 0, 0, 0)));
        Tensor y = response.output("y");
        assertThat(y.shape()).containsExactly(2, 3);
        // y = W x + b with W, b from make_fixture.py
        assertThat(y.floats()).containsExactly(new float[] {10.1f, 1.3f, 0.05f, 0.1f, -0.2f, 0.3f}, within(1e-5f));
        TestRuntime.Answer wrong = runtime.postJson("/v2/models/linear/infer",
                InferRequest.of(null, Tensor.fp32("x", new long[] {1, 3}, 1, 2, 3)));
        assertThat(wrong.status()).isEqualTo(400);
        assertThat(wrong.json().path("error").asText()).contains("input 'x' has shape [1, 3]").contains("[-1, 4]");
    }

    @Test
    void concurrentIrisRowsAreBatchedAndEachCallerGetsItsOwnProbabilities() throws Exception {
        int n = 40;
        float[] all = new float[n * 4];
        for (int i = 0; i < n; i++) {
            all[i * 4] = 4.5f + 0.08f * i;
            all[i * 4 + 1] = 2.2f + 0.045f * (i % 20);
            all[i * 4 + 2] = 1.0f + 0.14f * i;
            all[i * 4 + 3] = 0.1f + 0.06f * i;
        }
        float[] expected = infer("iris", InferRequest.of("all", Tensor.fp32("input", new long[] {n, 4}, all)))
                .output("probabilities").floats();
        ExecutorService clients = Executors.newFixedThreadPool(n);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<float[]>> answers = new ArrayList<>();
        try {
            for (int i = 0; i < n; i++) {
                float[] row = {all[i * 4], all[i * 4 + 1], all[i * 4 + 2], all[i * 4 + 3]};
                String id = "row-" + i;
                answers.add(clients.submit(() -> {
                    go.await();
                    InferResponse response = infer("iris", InferRequest.of(id, Tensor.fp32("input", new long[] {1, 4}, row)));
                    assertThat(response.id()).isEqualTo(id);
                    return response.output("probabilities").floats();
                }));
            }
            go.countDown();
            for (int i = 0; i < n; i++) {
                float[] own = answers.get(i).get(60, TimeUnit.SECONDS);
                assertThat(own).as("row %s", i).containsExactly(
                        new float[] {expected[i * 3], expected[i * 3 + 1], expected[i * 3 + 2]}, within(1e-5f));
            }
        } finally {
            clients.shutdownNow();
        }
        long distinct = java.util.stream.IntStream.range(0, n).mapToObj(i -> Math.round(expected[i * 3] * 1e4)).distinct()
                .count();
        assertThat(distinct).as("the rows' answers differ").isGreaterThan(10);
    }
}
