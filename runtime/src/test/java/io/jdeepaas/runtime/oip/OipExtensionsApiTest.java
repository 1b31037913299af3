package io.jdeepaas.runtime.oip;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.jdeepaas.examples.tfiris.TfIris;
import io.jdeepaas.runtime.TestRuntime;
import java.util.ArrayList;
import java.util.List;
import okhttp3.MediaType;
import okhttp3.Request;
import okhttp3.RequestBody;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * What Triton's and KServe's clients call by default besides infer, over real HTTP: the statistics
 * of every model, the model configuration, the classification extension, the versioned routes of
 * the served version, the extensions this server does not offer (answered as protocol errors),
 * and the refusal of values a datatype cannot hold.
 */
class OipExtensionsApiTest {

    static TestRuntime runtime;

    private static final String SETOSA_AND_VIRGINICA = "{\"name\":\"input\",\"datatype\":\"FP32\",\"shape\":[2,4],"
            + "\"data\":[5.1,3.5,1.4,0.2,6.7,3.0,5.2,2.3]}";

    @BeforeAll
    static void start() {
        runtime = TestRuntime.start(c -> c.workers(3).modelSetting("iris", "max-batch-size", "8")
                .modelSetting("iris", "max-batch-delay", "7"), "iris", "identity", "echo");
    }

    @AfterAll
    static void stop() {
        runtime.close();
    }

    private static TestRuntime.Answer infer(String path, String json) {
        return runtime.post(path, RequestBody.create(json, MediaType.get("application/json")));
    }

    private static String error(TestRuntime.Answer answer, int status) {
        assertThat(answer.status()).as(answer.text()).isEqualTo(status);
        assertThat(answer.json().has("message")).as(answer.text()).isFalse();
        String error = answer.json().path("error").asText();
        assertThat(error).isNotBlank().doesNotContain("Exception", "java.", "$", "InferRequest");
        return error;
    }

    private static List<String> texts(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(e -> out.add(e.asText()));
        return out;
    }

    @Test
    void classCountAnswersIrisTopClassesAsScoreIndexLabel() {
        TestRuntime.Answer answer = infer("/v2/models/iris/infer", "{\"inputs\":[" + SETOSA_AND_VIRGINICA + "],"
                + "\"outputs\":[{\"name\":\"probabilities\",\"parameters\":{\"class_count\":2}},{\"name\":\"class\"}]}");
        assertThat(answer.status()).as(answer.text()).isEqualTo(200);
        JsonNode top = answer.json().at("/outputs/0");
        assertThat(top.path("datatype").asText()).isEqualTo("BYTES");
        assertThat(top.path("shape").toString()).isEqualTo("[2,2]");
        List<String> classes = texts(top.path("data"));
        assertThat(classes.get(0)).endsWith(":0:setosa");
        assertThat(classes.get(2)).endsWith(":2:virginica");
        float best = Float.parseFloat(classes.get(0).split(":")[0]);
        float second = Float.parseFloat(classes.get(1).split(":")[0]);
        assertThat(best).isGreaterThan(0.5f).isGreaterThanOrEqualTo(second);
        assertThat(texts(answer.json().at("/outputs/1/data"))).containsExactly("setosa", "virginica");
        // more classes than there are: all of them, best first
        TestRuntime.Answer all = infer("/v2/models/iris/infer", "{\"inputs\":[" + SETOSA_AND_VIRGINICA + "],"
                + "\"outputs\":[{\"name\":\"probabilities\",\"parameters\":{\"class_count\":10}}]}");
        assertThat(all.json().at("/outputs/0/shape").toString()).isEqualTo("[2,3]");
    }

    @Test
    void bothIrisModulesLabelTheirProbabilitiesWithTheSpecies() {
        assertThat(new TfIris().outputs().get(0).labels()).containsExactly("setosa", "versicolor", "virginica");
    }

    @Test
    void classCountWithoutLabelsAnswersScoreAndIndexAndMayBeBinary() throws Exception {
        String request = "{\"inputs\":[{\"name\":\"s\",\"datatype\":\"FP32\",\"shape\":[3],\"data\":[0.1,0.7,0.2]}],"
                + "\"outputs\":[{\"name\":\"s\",\"parameters\":{\"class_count\":2}}]}";
        TestRuntime.Answer answer = infer("/v2/models/identity/infer", request);
        assertThat(answer.json().at("/outputs/0/shape").toString()).isEqualTo("[2]");
        assertThat(texts(answer.json().at("/outputs/0/data"))).containsExactly("0.7:1", "0.2:2");
        BinaryBodies.Split split = BinaryBodies.split(infer("/v2/models/identity/infer",
                request.replace("\"class_count\":2", "\"class_count\":1,\"binary_data\":true")));
        assertThat(split.outputs().get("s")).isEqualTo(BinaryBodies.strings("0.7:1"));
    }

    @Test
    void classCountOnTextOrWithAWrongValueIs400AndNaNScoresAre500NamingTheModel() {
        assertThat(error(infer("/v2/models/iris/infer", "{\"inputs\":[" + SETOSA_AND_VIRGINICA + "],"
                + "\"outputs\":[{\"name\":\"class\",\"parameters\":{\"class_count\":1}}]}"), 400))
                .contains("output 'class' of model 'iris' is BYTES");
        assertThat(error(infer("/v2/models/iris/infer", "{\"inputs\":[" + SETOSA_AND_VIRGINICA + "],"
                + "\"outputs\":[{\"name\":\"probabilities\",\"parameters\":{\"class_count\":\"two\"}}]}"), 400))
                .contains("class_count of output 'probabilities' must be a whole number");
        assertThat(error(infer("/v2/models/iris/infer", "{\"inputs\":[" + SETOSA_AND_VIRGINICA + "],"
                + "\"parameters\":{\"binary_data_output\":\"yes\"}}"), 400))
                .contains("binary_data_output of the request must be true or false");
        assertThat(error(infer("/v2/models/identity/infer", "{\"inputs\":[{\"name\":\"s\",\"datatype\":\"FP32\","
                + "\"shape\":[2],\"data\":[\"NaN\",0.5]}],\"outputs\":[{\"name\":\"s\",\"parameters\":"
                + "{\"class_count\":1}}]}"), 500)).contains("model 'identity' answered NaN");
    }

    @Test
    void theStatisticsOfEveryModelAnswerBesideThoseOfOne() {
        assertThat(infer("/v2/models/iris/infer", "{\"inputs\":[" + SETOSA_AND_VIRGINICA + "]}").status()).isEqualTo(200);
        TestRuntime.Answer all = runtime.get("/v2/models/stats");
        assertThat(all.status()).as(all.text()).isEqualTo(200);
        List<String> names = new ArrayList<>();
        all.json().path("model_stats").forEach(m -> names.add(m.path("name").asText()));
        assertThat(names).containsExactlyInAnyOrder("iris", "identity", "echo");
        JsonNode iris = null;
        for (JsonNode m : all.json().path("model_stats")) {
            if (m.path("name").asText().equals("iris")) {
                iris = m;
            }
        }
        assertThat(iris.path("version").asText()).isEqualTo("1");
        assertThat(iris.path("inference_count").asLong()).isGreaterThanOrEqualTo(2);
        assertThat(iris.at("/inference_stats/success/count").asLong()).isGreaterThanOrEqualTo(1);
        JsonNode one = runtime.get("/v2/models/iris/stats").json().path("model_stats");
        assertThat(one.size()).isEqualTo(1);
        assertThat(one.get(0).path("name").asText()).isEqualTo("iris");
        // the metadata route of a model is still the model's
        assertThat(runtime.get("/v2/models/iris").json().path("platform").asText()).isEqualTo("djl_pytorch");
    }

    @Test
    void theModelConfigurationSaysTensorsBatchingAndInstances() {
        JsonNode iris = runtime.get("/v2/models/iris/config").json();
        assertThat(iris.path("name").asText()).isEqualTo("iris");
        assertThat(iris.path("platform").asText()).isEqualTo("djl_pytorch");
        assertThat(iris.path("backend").asText()).isEqualTo("pytorch");
        assertThat(iris.path("max_batch_size").asInt()).isEqualTo(8);
        assertThat(iris.path("input").toString()).isEqualTo("[{\"name\":\"input\",\"data_type\":\"TYPE_FP32\",\"dims\":[4]}]");
        assertThat(iris.path("output").toString()).isEqualTo("[{\"name\":\"probabilities\",\"data_type\":\"TYPE_FP32\","
                + "\"dims\":[3]},{\"name\":\"class\",\"data_type\":\"TYPE_STRING\",\"dims\":[]}]");
        assertThat(iris.at("/dynamic_batching/max_queue_delay_microseconds").asLong()).isEqualTo(7000);
        assertThat(iris.at("/instance_group/0/count").asInt()).isEqualTo(3);
        assertThat(iris.at("/instance_group/0/kind").asText()).isEqualTo("KIND_CPU");
        JsonNode identity = runtime.get("/v2/models/identity/config").json();
        assertThat(identity.path("max_batch_size").asInt()).isZero();
        assertThat(identity.has("dynamic_batching")).isFalse();
        assertThat(identity.path("backend").asText()).isEqualTo("java");
        assertThat(error(runtime.get("/v2/models/nope/config"), 404)).contains("no model named 'nope'");
    }

    @Test
    void theServedVersionAnswersOnTheVersionedRoutesAndOthersAre404() {
        // the runtime numbers versions: the module's own weights are version 1 (its metadata says 1.0)
        assertThat(runtime.get("/v2/models/iris").json().path("versions").toString()).isEqualTo("[\"1\"]");
        JsonNode meta = runtime.get("/v2/models/iris/versions/1").json();
        assertThat(meta.path("name").asText()).isEqualTo("iris");
        assertThat(meta.path("inputs").size()).isEqualTo(1);
        assertThat(meta.path("source").asText()).isEqualTo("module");
        assertThat(runtime.get("/v2/models/iris/versions/1/ready").status()).isEqualTo(200);
        assertThat(runtime.get("/v2/models/iris/versions/production/ready").status()).isEqualTo(200);
        TestRuntime.Answer infer = infer("/v2/models/iris/versions/1/infer", "{\"inputs\":[" + SETOSA_AND_VIRGINICA + "]}");
        assertThat(infer.status()).as(infer.text()).isEqualTo(200);
        assertThat(infer.json().path("model_version").asText()).isEqualTo("1");
        assertThat(runtime.get("/v2/models/iris/versions/1/stats").status()).isEqualTo(200);
        assertThat(runtime.get("/v2/models/iris/versions/1/config").json().path("name").asText()).isEqualTo("iris");
        assertThat(error(runtime.get("/v2/models/iris/versions/2"), 404)).contains("model 'iris' has no version 2");
        assertThat(error(runtime.get("/v2/models/iris/versions/1.0/ready"), 404)).contains("no version or alias '1.0'");
        assertThat(error(infer("/v2/models/iris/versions/7/infer", "{\"inputs\":[" + SETOSA_AND_VIRGINICA + "]}"), 404))
                .contains("no version 7");
        assertThat(error(runtime.get("/v2/models/iris/versions/3/stats"), 404)).contains("no version 3");
        assertThat(error(runtime.get("/v2/models/iris/versions/3/config"), 404)).contains("no version 3");
        assertThat(runtime.get("/v2/models/identity/versions/1/ready").status()).isEqualTo(200); // it declares 2.0
    }

    @Test
    void tritonsTraceLoggingAndSharedMemoryRoutesAnswerProtocolErrors() {
        List<Request> calls = List.of(
                new Request.Builder().url(runtime.url("/v2/trace/setting")).get().build(),
                new Request.Builder().url(runtime.url("/v2/models/iris/trace/setting"))
                        .post(RequestBody.create("{}", MediaType.get("application/json"))).build(),
                new Request.Builder().url(runtime.url("/v2/logging")).get().build(),
                new Request.Builder().url(runtime.url("/v2/logging"))
                        .post(RequestBody.create("{\"log_info\":true}", MediaType.get("application/json"))).build(),
                new Request.Builder().url(runtime.url("/v2/systemsharedmemory/status")).get().build(),
                new Request.Builder().url(runtime.url("/v2/systemsharedmemory/region/r1/register"))
                        .post(RequestBody.create("{}", MediaType.get("application/json"))).build(),
                new Request.Builder().url(runtime.url("/v2/cudasharedmemory/unregister"))
                        .post(RequestBody.create("", null)).build(),
                new Request.Builder().url(runtime.url("/v2/cudasharedmemory/region/r1/status")).get().build());
        for (Request call : calls) {
            assertThat(error(runtime.send(call), 501)).as(call.url().toString()).contains("is not supported");
        }
        assertThat(error(runtime.get("/v2/logging"), 501)).isEqualTo("the logging extension is not supported by this "
                + "server; its extensions are listed in GET /v2");
    }

    @Test
    void valuesTheDatatypeCannotHoldAre400() {
        String fp32 = "{\"inputs\":[{\"name\":\"input\",\"datatype\":\"FP32\",\"shape\":[1,4],"
                + "\"data\":[1e400,3.5,1.4,0.2]}]}";
        assertThat(error(infer("/v2/models/iris/infer", fp32), 400))
                .startsWith("tensor 'input': element 0 (a number too large for any float) is out of range for FP32");
        assertThat(error(infer("/v2/models/iris/infer", fp32.replace("1e400", "-3.5e38")), 400))
                .contains("element 0 (-3.5E38) is out of range for FP32");
        for (String type : new String[] {"FP64", "FP16", "BF16"}) {
            assertThat(error(infer("/v2/models/identity/infer", "{\"inputs\":[{\"name\":\"x\",\"datatype\":\"" + type
                    + "\",\"shape\":[1],\"data\":[1e400]}]}"), 400)).as(type).contains("out of range for " + type);
        }
        assertThat(error(infer("/v2/models/identity/infer", "{\"inputs\":[{\"name\":\"x\",\"datatype\":\"BF16\","
                + "\"shape\":[1],\"data\":[3.4e38]}]}"), 400)).contains("out of range for BF16");
        // a model never names a class for measurements that are not numbers
        assertThat(error(infer("/v2/models/iris/infer", fp32.replace("1e400", "\"NaN\"")), 400))
                .contains("measurements must be finite numbers");
        // finite FP32 measurements so large that the network overflows: a failure of the model, not a class
        assertThat(error(infer("/v2/models/iris/infer", fp32.replace("1e400,3.5,1.4,0.2", "3e38,-3e38,3e38,-3e38")), 500))
                .contains("model 'iris'").contains("no species can be named");
    }

    @Test
    void shapeDimensionsAndNamesOfTheWrongKindAre400WithoutJavaNames() {
        assertThat(error(infer("/v2/models/iris/infer", "{\"inputs\":[{\"name\":\"input\",\"datatype\":\"FP32\","
                + "\"shape\":[\"1\",\"4\"],\"data\":[5.1,3.5,1.4,0.2]}]}"), 400))
                .isEqualTo("the body is not a valid inference request: inputs[0].shape[0] must be a whole number");
        assertThat(error(infer("/v2/models/iris/infer", "{\"inputs\":[{\"name\":5,\"datatype\":\"FP32\","
                + "\"shape\":[1,4],\"data\":[5.1,3.5,1.4,0.2]}]}"), 400))
                .isEqualTo("the body is not a valid inference request: inputs[0].name must be a string");
        assertThat(error(infer("/v2/models/iris/infer", "{\"inputs\":[\"x\"]}"), 400))
                .isEqualTo("the body is not a valid inference request: inputs[0] must be an object");
        assertThat(error(infer("/v2/models/iris/infer", "{\"inputs\":\"x\"}"), 400))
                .isEqualTo("the body is not a valid inference request: inputs must be a list");
        assertThat(error(infer("/v2/models/iris/infer", "[1]"), 400))
                .isEqualTo("the body is not a valid inference request: the body must be an object");
        assertThat(error(infer("/v2/models/iris/infer", "{\"inputs\":[" + SETOSA_AND_VIRGINICA + "]} {}"), 400))
                .isEqualTo("the body is not a valid inference request: something follows the JSON object; send one "
                        + "inference request");
    }
}
