package io.jdeepaas.runtime.oip;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.jdeepaas.runtime.TestRuntime;
import io.jdeepaas.spi.Tensor;
import io.jdeepaas.spi.TensorType;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import okhttp3.MediaType;
import okhttp3.RequestBody;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** {@code POST /v2/models/{name}/infer} and the protocol's metadata and health routes, over real HTTP. */
class InferApiTest {

    static TestRuntime runtime;

    @BeforeAll
    static void start() {
        runtime = TestRuntime.start("identity", "rowwise", "echo", "broken");
    }

    @AfterAll
    static void stop() {
        runtime.close();
    }

    private static InferResponse infer(String model, InferRequest request) {
        TestRuntime.Answer answer = runtime.postJson("/v2/models/" + model + "/infer", request);
        assertThat(answer.status()).as(answer.text()).isEqualTo(200);
        try {
            return OipJson.responses(TestRuntime.JSON).readValue(answer.body());
        } catch (java.io.IOException e) {
            throw new AssertionError(answer.text(), e);
        }
    }

    private static String error(String model, Object body, int status) {
        TestRuntime.Answer answer = runtime.postJson("/v2/models/" + model + "/infer", body);
        assertThat(answer.status()).as(answer.text()).isEqualTo(status);
        assertThat(answer.json().has("message")).as(answer.text()).isFalse();
        return answer.json().path("error").asText();
    }

    private static Map<String, Object> input(String name, List<Long> shape, String datatype, Object data) {
        return Map.of("name", name, "shape", shape, "datatype", datatype, "data", data);
    }

    private static Map<String, Object> rowwise(Map<String, Object> x, Map<String, Object> label) {
        return Map.of("inputs", List.of(x, label));
    }

    private static Map<String, Object> goodX() {
        return input("x", List.of(1L, 3L), "FP32", List.of(1, 2, 3));
    }

    private static Map<String, Object> goodLabel() {
        return input("label", List.of(1L), "BYTES", List.of("a"));
    }

    @Test
    void everyDatatypeTravelsToTheModelAndBackWithItsValuesAndShape() {
        long[] two = {2};
        List<Tensor> tensors = List.of(
                Tensor.bool("bool", two, true, false),
                Tensor.uint8("uint8", two, (byte) 0, (byte) 255),
                Tensor.uint16("uint16", two, (short) 0, (short) 65535),
                Tensor.uint32("uint32", two, 0, (int) 4294967295L),
                Tensor.uint64("uint64", two, 0, -1L),
                Tensor.int8("int8", two, Byte.MIN_VALUE, Byte.MAX_VALUE),
                Tensor.int16("int16", two, Short.MIN_VALUE, Short.MAX_VALUE),
                Tensor.int32("int32", two, Integer.MIN_VALUE, Integer.MAX_VALUE),
                Tensor.int64("int64", two, Long.MIN_VALUE, Long.MAX_VALUE),
                Tensor.fp16("fp16", two, -65504f, 0.5f),
                Tensor.bf16("bf16", two, 1.5f, -123.5f),
                Tensor.fp32("fp32", two, 1.5f, -3.25e-7f),
                Tensor.fp64("fp64", two, Math.PI, -1e300),
                Tensor.strings("bytes", two, "héllo wörld", ""));
        assertThat(tensors.stream().map(Tensor::datatype)).containsExactly(TensorType.values());
        InferResponse response = infer("identity", InferRequest.of("all-types", tensors.toArray(Tensor[]::new)));
        assertThat(response.modelName()).isEqualTo("identity");
        assertThat(response.modelVersion()).isEqualTo("1");
        assertThat(response.id()).isEqualTo("all-types");
        for (Tensor sent : tensors) {
            assertThat(response.output(sent.name())).as(sent.name()).isEqualTo(sent);
        }
        TestRuntime.Answer raw = runtime.postJson("/v2/models/identity/infer", InferRequest.of(null, tensors.get(4)));
        assertThat(raw.text()).contains("\"datatype\":\"UINT64\",\"data\":[0,18446744073709551615]")
                .doesNotContain("\"id\"");
    }

    @Test
    void nestedDataIsFlattenedInRowMajorOrder() {
        Map<String, Object> body = Map.of("id", "nested", "inputs", List.of(
                input("m", List.of(2L, 2L, 2L), "INT32", List.of(List.of(List.of(1, 2), List.of(3, 4)),
                        List.of(List.of(5, 6), List.of(7, 8))))));
        TestRuntime.Answer answer = runtime.postJson("/v2/models/identity/infer", body);
        assertThat(answer.status()).as(answer.text()).isEqualTo(200);
        assertThat(answer.json().at("/outputs/0/data").toString()).isEqualTo("[1,2,3,4,5,6,7,8]");
        assertThat(answer.json().at("/outputs/0/shape").toString()).isEqualTo("[2,2,2]");
        assertThat(answer.json().path("id").asText()).isEqualTo("nested");
    }

    @Test
    void aDeclaredModelAnswersEveryOutputOrOnlyThoseAskedFor() {
        InferRequest request = InferRequest.of("r1", Tensor.fp32("x", new long[] {2, 3}, 1, 2, 3, 4, 5, 6),
                Tensor.strings("label", new long[] {2}, "setosa", "virginica"));
        InferResponse all = infer("rowwise", request);
        assertThat(all.outputs()).extracting(InferResponse.Output::name).containsExactly("doubled", "sum", "upper");
        assertThat(all.output("doubled").floats()).containsExactly(2, 4, 6, 8, 10, 12);
        assertThat(all.output("doubled").shape()).containsExactly(2, 3);
        assertThat(all.output("sum").doubles()).containsExactly(6, 15);
        assertThat(all.output("upper").strings()).containsExactly("SETOSA", "VIRGINICA");
        InferResponse some = infer("rowwise", request.withOutputs("upper", "sum"));
        assertThat(some.outputs()).extracting(InferResponse.Output::name).containsExactly("upper", "sum");
        assertThat(some.id()).isEqualTo("r1");
    }

    @Test
    void inputsMayComeInAnyOrderAndIntegralJsonNumbersFitFloatTypes() {
        InferResponse response = infer("rowwise", new InferRequest(null, null, List.of(
                new InferRequest.Input("label", List.of(1L), "BYTES", null, List.of("x")),
                new InferRequest.Input("x", List.of(1L, 3L), "FP32", Map.of("content_type", "np"), List.of(1, 2, 3))),
                null));
        assertThat(response.output("sum").doubles()).containsExactly(6);
    }

    @Test
    void aWrongShapeIs400SayingWhatTheModelExpects() {
        String message = error("rowwise", rowwise(input("x", List.of(1L, 4L), "FP32", List.of(1, 2, 3, 4)),
                goodLabel()), 400);
        assertThat(message).contains("input 'x' has shape [1, 4]").contains("expects [-1, 3]");
        assertThat(error("rowwise", rowwise(input("x", List.of(3L), "FP32", List.of(1, 2, 3)), goodLabel()), 400))
                .contains("input 'x' has shape [3]");
        assertThat(error("identity", Map.of("inputs", List.of(input("t", List.of(-1L, 2L), "FP32", List.of(1, 2)))),
                400)).contains("invalid shape [-1, 2]");
    }

    @Test
    void dataOfTheWrongLengthIs400() {
        assertThat(error("rowwise", rowwise(input("x", List.of(2L, 3L), "FP32", List.of(1, 2, 3, 4, 5)), goodLabel()),
                400)).isEqualTo("tensor 'x' has shape [2, 3], which needs 6 elements, but its data has 5");
        assertThat(error("identity", Map.of("inputs", List.of(input("t", List.of(2L, 2L), "INT32",
                List.of(List.of(1, 2), List.of(3))))), 400))
                .contains("data[1] has 1 entries, but dimension 1 of shape [2, 2] is 2");
    }

    @Test
    void aWrongDatatypeIs400() {
        assertThat(error("rowwise", rowwise(input("x", List.of(1L, 3L), "FP64", List.of(1, 2, 3)), goodLabel()), 400))
                .isEqualTo("input 'x' is FP64, but model 'rowwise' expects FP32");
        assertThat(error("identity", Map.of("inputs", List.of(input("t", List.of(1L), "FLOAT32", List.of(1)))), 400))
                .contains("unknown datatype 'FLOAT32'").contains("FP32");
        assertThat(error("identity", Map.of("inputs", List.of(input("t", List.of(2L), "FP32", List.of(1, "two")))), 400))
                .isEqualTo("tensor 't': element 1 is \"two\", but FP32 needs a number");
        assertThat(error("identity", Map.of("inputs", List.of(input("t", List.of(1L), "INT32", List.of(1.5)))), 400))
                .contains("element 0 is 1.5, but INT32 needs a whole number");
        assertThat(error("identity", Map.of("inputs", List.of(input("t", List.of(1L), "INT8", List.of(200)))), 400))
                .contains("element 0 (200) is out of range for INT8 (-128..127)");
        assertThat(error("identity", Map.of("inputs", List.of(input("t", List.of(1L), "UINT32", List.of(-1)))), 400))
                .contains("out of range for UINT32");
        assertThat(error("identity", Map.of("inputs", List.of(input("t", List.of(1L), "BOOL", List.of(1)))), 400))
                .contains("BOOL needs true or false");
        assertThat(error("identity", Map.of("inputs", List.of(input("t", List.of(1L), "BYTES", List.of(1)))), 400))
                .contains("BYTES needs a string");
        assertThat(error("identity", Map.of("inputs", List.of(input("t", List.of(1L), "FP16", List.of(70000)))), 400))
                .contains("out of range for FP16");
    }

    @Test
    void unknownMissingOrRepeatedInputsAndUnknownOutputsAre400() {
        assertThat(error("rowwise", Map.of("inputs", List.of(goodX(), goodLabel(),
                input("y", List.of(1L), "FP32", List.of(1)))), 400)).startsWith("model 'rowwise' has no input ['y']");
        assertThat(error("rowwise", Map.of("inputs", List.of(goodX())), 400))
                .startsWith("input 'label' is missing; model 'rowwise' expects [x FP32 [-1, 3], label BYTES [-1]]");
        assertThat(error("rowwise", Map.of("inputs", List.of(goodX(), goodX(), goodLabel())), 400))
                .isEqualTo("input 'x' is given twice");
        assertThat(error("rowwise", Map.of("inputs", List.of(goodX(), goodLabel()),
                "outputs", List.of(Map.of("name", "nope"))), 400))
                .isEqualTo("model 'rowwise' has no output 'nope'; its outputs are ['doubled', 'sum', 'upper']");
        assertThat(error("rowwise", Map.of("inputs", List.of()), 400)).startsWith("the request has no inputs");
    }

    @Test
    void aBodyThatIsNotAnInferenceRequestIs400() {
        TestRuntime.Answer broken = runtime.post("/v2/models/identity/infer",
                RequestBody.create("{\"inputs\": [", MediaType.get("application/json")));
        assertThat(broken.status()).isEqualTo(400);
        assertThat(broken.json().path("error").asText()).startsWith("the body is not a valid inference request");
        TestRuntime.Answer empty = runtime.post("/v2/models/identity/infer",
                RequestBody.create(new byte[0], MediaType.get("application/json")));
        assertThat(empty.status()).isEqualTo(400);
        assertThat(empty.json().path("error").asText()).contains("no body");
        assertThat(error("identity", Map.of("inputs", List.of(Map.of("name", "t", "shape", List.of(1.5),
                "datatype", "FP32", "data", List.of(1)))), 400)).startsWith("the body is not a valid inference request");
        assertThat(error("identity", Map.of("inputs", "x"), 400)).startsWith("the body is not a valid inference request");
    }

    @Test
    void aModuleRejectingItsInputIs400AndOtherFailuresAreProtocolErrors() {
        assertThat(error("rowwise", rowwise(goodX(), input("label", List.of(1L), "BYTES", List.of("fail"))), 400))
                .isEqualTo("label 'fail' cannot be capitalised");
        assertThat(error("echo", Map.of("inputs", List.of(goodX())), 501))
                .contains("does not implement tensor inference");
        assertThat(error("nope", Map.of("inputs", List.of(goodX())), 404)).contains("no model named 'nope'");
        TestRuntime.Answer failed = runtime.postJson("/v2/models/broken/infer", Map.of("inputs", List.of(goodX())));
        assertThat(failed.status()).isEqualTo(503);
        assertThat(failed.json().path("error").asText()).contains("failed to load");
        TestRuntime.Answer get = runtime.get("/v2/models/identity/infer");
        assertThat(get.status()).isEqualTo(405);
        assertThat(get.json().has("error")).isTrue();
    }

    @Test
    void theModelMetadataIsTheModelObjectWithPlatformVersionsAndTensors() {
        JsonNode meta = runtime.get("/v2/models/rowwise").json();
        assertThat(meta.path("name").asText()).isEqualTo("rowwise");
        assertThat(meta.path("platform").asText()).isEqualTo("java_test");
        assertThat(meta.path("versions").toString()).isEqualTo("[\"1\"]");
        assertThat(meta.path("inputs").toString()).isEqualTo("[{\"name\":\"x\",\"datatype\":\"FP32\",\"shape\":[-1,3]},"
                + "{\"name\":\"label\",\"datatype\":\"BYTES\",\"shape\":[-1]}]");
        assertThat(meta.at("/outputs/1").toString()).isEqualTo("{\"name\":\"sum\",\"datatype\":\"FP64\",\"shape\":[-1]}");
        // the DEEPaaS fields stay
        assertThat(meta.path("id").asText()).isEqualTo("rowwise");
        assertThat(meta.path("state").asText()).isEqualTo("ready");
        assertThat(meta.path("description").asText()).contains("Doubles");
        assertThat(meta.path("links").toString()).contains("/v2/models/rowwise/infer");
        JsonNode plain = runtime.get("/v2/models/identity").json();
        assertThat(plain.path("platform").asText()).isEqualTo("java");
        assertThat(plain.path("inputs").isArray()).isTrue();
        JsonNode echo = runtime.get("/v2/models/echo").json();
        assertThat(echo.path("inputs").size()).isZero();
        assertThat(echo.path("links").toString()).doesNotContain("/infer");
        assertThat(runtime.get("/v2/models/nope").json().path("error").asText()).contains("no model named");
    }

    @Test
    void theHealthAndServerMetadataRoutesAnswer() {
        assertThat(runtime.get("/v2/health/live").json().path("live").asBoolean()).isTrue();
        assertThat(runtime.get("/v2/health/ready").status()).isEqualTo(200);
        assertThat(runtime.get("/v2/models/rowwise/ready").json().path("ready").asBoolean()).isTrue();
        TestRuntime.Answer broken = runtime.get("/v2/models/broken/ready");
        assertThat(broken.status()).isEqualTo(503);
        assertThat(broken.json().path("ready").asBoolean()).isFalse();
        JsonNode server = runtime.get("/v2").json();
        assertThat(server.path("name").asText()).isEqualTo("jdeepaas");
        assertThat(server.path("extensions").isArray()).isTrue();
    }

    @Test
    void bytesAreUtf8Text() {
        InferResponse response = infer("identity", InferRequest.of(null,
                Tensor.bytes("b", new long[] {1}, "zürich ✓".getBytes(StandardCharsets.UTF_8))));
        assertThat(response.output("b").strings()).containsExactly("zürich ✓");
    }
}
