package io.jdeepaas.runtime.oip;

import static io.jdeepaas.runtime.oip.BinaryBodies.concat;
import static io.jdeepaas.runtime.oip.BinaryBodies.le;
import static io.jdeepaas.runtime.oip.BinaryBodies.post;
import static io.jdeepaas.runtime.oip.BinaryBodies.split;
import static io.jdeepaas.runtime.oip.BinaryBodies.strings;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.jdeepaas.runtime.TestRuntime;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import okhttp3.MediaType;
import okhttp3.Request;
import okhttp3.RequestBody;
import okio.BufferedSink;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The binary tensor data extension over real HTTP, with every body written byte by byte in the
 * test from the protocol's description: little-endian, row-major, BOOL one byte, BYTES elements
 * each a 4-byte length then their bytes, the JSON header's length in
 * {@code Inference-Header-Content-Length}.
 */
class BinaryTensorApiTest {

    static TestRuntime runtime;

    @BeforeAll
    static void start() {
        runtime = TestRuntime.start("identity", "iris");
    }

    @AfterAll
    static void stop() {
        runtime.close();
    }

    /** One tensor of each datatype: its raw bytes and the JSON data the server must read from them. */
    record Case(String datatype, int count, byte[] raw, String json) {
        String name() {
            return datatype.toLowerCase();
        }

        String binaryInput() {
            return "{\"name\":\"" + name() + "\",\"datatype\":\"" + datatype + "\",\"shape\":[" + count
                    + "],\"parameters\":{\"binary_data_size\":" + raw.length + "}}";
        }
    }

    static List<Case> everyDatatype() {
        return List.of(
                new Case("BOOL", 3, new byte[] {1, 0, 1}, "[true,false,true]"),
                new Case("UINT8", 2, new byte[] {0, (byte) 0xff}, "[0,255]"),
                new Case("INT8", 2, new byte[] {(byte) 0x80, 0x7f}, "[-128,127]"),
                new Case("UINT16", 2, le(4).putShort((short) 0).putShort((short) 0xffff).array(), "[0,65535]"),
                new Case("INT16", 2, le(4).putShort(Short.MIN_VALUE).putShort(Short.MAX_VALUE).array(), "[-32768,32767]"),
                new Case("UINT32", 2, le(8).putInt(7).putInt(0xffffffff).array(), "[7,4294967295]"),
                new Case("INT32", 2, le(8).putInt(Integer.MIN_VALUE).putInt(Integer.MAX_VALUE).array(),
                        "[-2147483648,2147483647]"),
                new Case("UINT64", 2, le(16).putLong(0).putLong(-1L).array(), "[0,18446744073709551615]"),
                new Case("INT64", 2, le(16).putLong(Long.MIN_VALUE).putLong(Long.MAX_VALUE).array(),
                        "[-9223372036854775808,9223372036854775807]"),
                // 1.0, -2.0, the largest half (65504) and the smallest subnormal (2^-24)
                new Case("FP16", 4, le(8).putShort((short) 0x3c00).putShort((short) 0xc000).putShort((short) 0x7bff)
                        .putShort((short) 0x0001).array(), "[1.0,-2.0,65504.0,5.9604645E-8]"),
                // 1.5 and -123.5 as the upper halves of their floats
                new Case("BF16", 2, le(4).putShort((short) 0x3fc0).putShort((short) 0xc2f7).array(), "[1.5,-123.5]"),
                new Case("FP32", 2, le(8).putFloat(3.25f).putFloat(-1e-7f).array(), "[3.25,-1.0E-7]"),
                new Case("FP64", 2, le(16).putDouble(Math.PI).putDouble(-1e300).array(),
                        "[3.141592653589793,-1.0E300]"),
                new Case("BYTES", 2, strings("zürich ✓", ""), "[\"zürich ✓\",\"\"]"));
    }

    private static String header(String inputs, String parameters) {
        return "{\"id\":\"b1\"," + parameters + "\"inputs\":[" + inputs + "]}";
    }

    private static String error(TestRuntime.Answer answer) {
        assertThat(answer.status()).as(answer.text()).isEqualTo(400);
        assertThat(answer.json().has("message")).isFalse();
        String error = answer.json().path("error").asText();
        assertThat(error).isNotBlank().doesNotContain("Exception", "java.", "$");
        return error;
    }

    @Test
    void everyDatatypeTravelsAsBinaryDataToTheModelAndBackByteForByte() throws Exception {
        List<Case> cases = everyDatatype();
        String inputs = cases.stream().map(Case::binaryInput).collect(Collectors.joining(","));
        byte[][] raw = cases.stream().map(Case::raw).toArray(byte[][]::new);
        TestRuntime.Answer answer = post(runtime, "/v2/models/identity/infer",
                header(inputs, "\"parameters\":{\"binary_data_output\":true},"), raw);
        BinaryBodies.Split split = split(answer);
        assertThat(split.header().path("id").asText()).isEqualTo("b1");
        assertThat(split.header().path("model_version").asText()).isEqualTo("1");
        for (Case c : cases) {
            assertThat(split.outputs().get(c.name())).as(c.datatype()).isEqualTo(c.raw());
        }
        JsonNode bf16 = split.header().path("outputs").get(10);
        assertThat(bf16.toString()).isEqualTo("{\"name\":\"bf16\",\"shape\":[2],\"datatype\":\"BF16\","
                + "\"parameters\":{\"binary_data_size\":4}}");
    }

    @Test
    void binaryInputsAreReadAsTheValuesTheProtocolDescribes() throws Exception {
        List<Case> cases = everyDatatype();
        String inputs = cases.stream().map(Case::binaryInput).collect(Collectors.joining(","));
        TestRuntime.Answer answer = post(runtime, "/v2/models/identity/infer", header(inputs, ""),
                cases.stream().map(Case::raw).toArray(byte[][]::new));
        assertThat(answer.status()).as(answer.text()).isEqualTo(200);
        assertThat(answer.header("Content-Type")).startsWith("application/json");
        assertThat(answer.header("Inference-Header-Content-Length")).isNull();
        // read UINT64's 18446744073709551615 as the big number it is
        JsonNode outputs = TestRuntime.JSON.reader().without(com.fasterxml.jackson.databind.DeserializationFeature
                .USE_LONG_FOR_INTS).readTree(answer.body()).path("outputs");
        for (int i = 0; i < cases.size(); i++) {
            assertThat(outputs.get(i).path("data").toString()).as(cases.get(i).datatype())
                    .isEqualTo(cases.get(i).json());
        }
    }

    @Test
    void jsonInputsCanBeAnsweredAsBinaryDataPerOutput() throws Exception {
        String request = "{\"inputs\":["
                + "{\"name\":\"h\",\"datatype\":\"FP16\",\"shape\":[2],\"data\":[1.0,0.1]},"
                + "{\"name\":\"b\",\"datatype\":\"BF16\",\"shape\":[1],\"data\":[1.5]},"
                + "{\"name\":\"u\",\"datatype\":\"UINT64\",\"shape\":[1],\"data\":[18446744073709551615]},"
                + "{\"name\":\"s\",\"datatype\":\"BYTES\",\"shape\":[1],\"data\":[\"ab\"]}],"
                + "\"outputs\":[{\"name\":\"h\",\"parameters\":{\"binary_data\":true}},{\"name\":\"b\","
                + "\"parameters\":{\"binary_data\":true}},{\"name\":\"u\",\"parameters\":{\"binary_data\":true}},"
                + "{\"name\":\"s\",\"parameters\":{\"binary_data\":false}}]}";
        TestRuntime.Answer answer = runtime.post("/v2/models/identity/infer",
                RequestBody.create(request, MediaType.get("application/json")));
        BinaryBodies.Split split = split(answer);
        // 0.1 is not a half: the nearest one is 0x2e66
        assertThat(split.outputs().get("h")).isEqualTo(le(4).putShort((short) 0x3c00).putShort((short) 0x2e66).array());
        assertThat(split.outputs().get("b")).isEqualTo(le(2).putShort((short) 0x3fc0).array());
        assertThat(split.outputs().get("u")).isEqualTo(le(8).putLong(-1L).array());
        assertThat(split.outputs()).doesNotContainKey("s");
        assertThat(split.header().at("/outputs/3/data").toString()).isEqualTo("[\"ab\"]");
    }

    @Test
    void jsonAndBinaryInputsMixInOneRequestInTheirOrder() {
        String inputs = "{\"name\":\"a\",\"datatype\":\"INT32\",\"shape\":[2],\"data\":[1,2]},"
                + "{\"name\":\"b\",\"datatype\":\"FP32\",\"shape\":[1,2],\"parameters\":{\"binary_data_size\":8}},"
                + "{\"name\":\"c\",\"datatype\":\"BYTES\",\"shape\":[1],\"data\":[\"json\"]},"
                + "{\"name\":\"d\",\"datatype\":\"BYTES\",\"shape\":[2],\"parameters\":{\"binary_data_size\":16}}";
        TestRuntime.Answer answer = post(runtime, "/v2/models/identity/infer", header(inputs, ""),
                le(8).putFloat(0.5f).putFloat(-4f).array(), strings("one", "three"));
        assertThat(answer.status()).as(answer.text()).isEqualTo(200);
        JsonNode outputs = answer.json().path("outputs");
        assertThat(outputs.get(0).path("data").toString()).isEqualTo("[1,2]");
        assertThat(outputs.get(1).path("data").toString()).isEqualTo("[0.5,-4.0]");
        assertThat(outputs.get(1).path("shape").toString()).isEqualTo("[1,2]");
        assertThat(outputs.get(2).path("data").toString()).isEqualTo("[\"json\"]");
        assertThat(outputs.get(3).path("data").toString()).isEqualTo("[\"one\",\"three\"]");
    }

    @Test
    void irisClassifiesBinaryFp32MeasurementsAndAnswersBinaryProbabilities() throws Exception {
        ByteBuffer rows = le(32);
        for (float v : new float[] {5.1f, 3.5f, 1.4f, 0.2f, 6.7f, 3.0f, 5.2f, 2.3f}) {
            rows.putFloat(v);
        }
        String header = "{\"inputs\":[{\"name\":\"input\",\"datatype\":\"FP32\",\"shape\":[2,4],"
                + "\"parameters\":{\"binary_data_size\":32}}],\"outputs\":[{\"name\":\"probabilities\","
                + "\"parameters\":{\"binary_data\":true}},{\"name\":\"class\",\"parameters\":{\"binary_data\":false}}]}";
        BinaryBodies.Split split = split(post(runtime, "/v2/models/iris/infer", header, rows.array()));
        assertThat(split.header().path("model_name").asText()).isEqualTo("iris");
        assertThat(split.header().at("/outputs/0/shape").toString()).isEqualTo("[2,3]");
        assertThat(split.header().at("/outputs/0/parameters/binary_data_size").asInt()).isEqualTo(24);
        ByteBuffer probabilities = ByteBuffer.wrap(split.outputs().get("probabilities")).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        float[][] p = new float[2][3];
        for (float[] row : p) {
            for (int k = 0; k < 3; k++) {
                row[k] = probabilities.getFloat();
            }
            assertThat(row[0] + row[1] + row[2]).isCloseTo(1f, org.assertj.core.data.Offset.offset(1e-4f));
        }
        assertThat(p[0][0]).isGreaterThan(0.5f);
        assertThat(p[1][2]).isGreaterThan(0.5f);
        assertThat(split.header().at("/outputs/1/data").toString()).isEqualTo("[\"setosa\",\"virginica\"]");
    }

    @Test
    void everyMalformedBinaryBodyIs400SayingWhatIsWrong() {
        String fp32 = "{\"inputs\":[{\"name\":\"x\",\"datatype\":\"FP32\",\"shape\":[2],"
                + "\"parameters\":{\"binary_data_size\":8}}]}";
        byte[] two = le(8).putFloat(1f).putFloat(2f).array();
        String path = "/v2/models/identity/infer";
        int length = fp32.length();
        assertThat(error(post(runtime, path, fp32, String.valueOf(length + 100), two)))
                .isEqualTo("Inference-Header-Content-Length is " + (length + 100) + ", but the body has only "
                        + (length + 8) + " bytes");
        assertThat(error(post(runtime, path, fp32, "-1", two))).contains("Inference-Header-Content-Length must be")
                .contains("'-1'");
        assertThat(error(post(runtime, path, fp32, "abc", two))).contains("whole number").contains("'abc'");
        assertThat(error(post(runtime, path, fp32.replace(":8}", ":6}"), two)))
                .isEqualTo("tensor 'x' has shape [2] of FP32, which needs 8 bytes of binary data, but its "
                        + "binary_data_size is 6");
        assertThat(error(post(runtime, path, fp32, Arrays.copyOf(two, 5))))
                .isEqualTo("tensor 'x' has a binary_data_size of 8, but only 5 bytes of binary data are left in the body");
        assertThat(error(post(runtime, path, fp32, two, new byte[] {9, 9, 9})))
                .startsWith("the body has 3 bytes after the binary data of the inputs");
        String text = "{\"inputs\":[{\"name\":\"s\",\"datatype\":\"BYTES\",\"shape\":[1],"
                + "\"parameters\":{\"binary_data_size\":7}}]}";
        assertThat(error(post(runtime, path, text, concat(le(4).putInt(10).array(), "abc".getBytes()))))
                .isEqualTo("tensor 's': BYTES element 0 says it has 10 bytes, but only 3 are left in its binary data");
        String cut = "{\"inputs\":[{\"name\":\"s\",\"datatype\":\"BYTES\",\"shape\":[2],"
                + "\"parameters\":{\"binary_data_size\":9}}]}";
        assertThat(error(post(runtime, path, cut, concat(strings("ab"), new byte[] {3, 0, 0}))))
                .contains("BYTES element 1 of 2 is missing or its 4-byte length is cut short");
        assertThat(error(post(runtime, path, "{\"inputs\": [", "{\"inputs\": [".length() + "", two)))
                .startsWith("the body is not a valid inference request");
        assertThat(error(post(runtime, path, "not json at all", two))).startsWith("the body is not a valid inference request");
        assertThat(error(post(runtime, path, fp32.replace("\"parameters\"", "\"data\":[1,2],\"parameters\""), two)))
                .isEqualTo("tensor 'x' has both data and binary_data_size; give one of them");
        assertThat(error(post(runtime, path, fp32.replace(":8}", ":\"8\"}"), two)))
                .contains("binary_data_size").contains("whole number of bytes");
        String bool = "{\"inputs\":[{\"name\":\"b\",\"datatype\":\"BOOL\",\"shape\":[2],"
                + "\"parameters\":{\"binary_data_size\":2}}]}";
        assertThat(error(post(runtime, path, bool, new byte[] {1, 2}))).contains("BOOL element 1 is the byte 2");
        // a binary input in a JSON-only request has nowhere to take its data from
        TestRuntime.Answer noHeader = runtime.post(path, RequestBody.create(fp32, MediaType.get("application/json")));
        assertThat(error(noHeader)).contains("has binary_data_size, but the request has no Inference-Header-Content-Length");
    }

    @Test
    void theServerAdvertisesTheBinaryTensorDataExtension() {
        List<String> extensions = new ArrayList<>();
        runtime.get("/v2").json().path("extensions").forEach(e -> extensions.add(e.asText()));
        assertThat(extensions).contains("binary_tensor_data", "classification", "model_configuration", "statistics");
    }

    @Test
    void aBinaryBodyOverTheUploadLimitIs413WhetherItsLengthIsDeclaredOrNot() {
        try (TestRuntime small = TestRuntime.start(c -> c.maxUploadSize(1000), "identity")) {
            String header = "{\"inputs\":[{\"name\":\"x\",\"datatype\":\"UINT8\",\"shape\":[5000],"
                    + "\"parameters\":{\"binary_data_size\":5000}}]}";
            TestRuntime.Answer declared = post(small, "/v2/models/identity/infer", header, new byte[5000]);
            assertThat(declared.status()).as(declared.text()).isEqualTo(413);
            assertThat(declared.json().path("error").asText()).contains("limit of 1000 bytes");
            byte[] body = concat(header.getBytes(StandardCharsets.UTF_8), new byte[5000]);
            RequestBody chunked = new RequestBody() {
                @Override
                public MediaType contentType() {
                    return MediaType.get("application/octet-stream");
                }

                @Override
                public long contentLength() {
                    return -1;
                }

                @Override
                public void writeTo(BufferedSink sink) throws java.io.IOException {
                    sink.write(body);
                }
            };
            TestRuntime.Answer streamed = small.send(new Request.Builder().url(small.url("/v2/models/identity/infer"))
                    .post(chunked).header("Inference-Header-Content-Length", String.valueOf(header.length())).build());
            assertThat(streamed.status()).as(streamed.text()).isEqualTo(413);
            assertThat(streamed.json().path("error").asText()).contains("limit of 1000 bytes");
        }
    }
}
