package io.jdeepaas.runtime.versions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import io.jdeepaas.runtime.TestRuntime;
import io.jdeepaas.runtime.fixtures.TorchScriptLinear;
import io.jdeepaas.runtime.fixtures.TorchScriptLinear.Weights;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import okhttp3.MediaType;
import okhttp3.RequestBody;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * A model store in Triton's layout over real HTTP: {@code linear/1/model.pt} and
 * {@code linear/2/model.pt} (TorchScript files made in code with different weights) are versions 1
 * and 2 of {@code linear}, the highest serving; an uploaded TorchScript file becomes a version that
 * serves and rolls back; a subfolder added before a restart becomes production under
 * {@code latest}.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ModelStoreVersionsTest {

    private static final Weights ONE = TorchScriptLinear.FIXTURE;
    private static final Weights TWO = ONE.scaled(2, 1);
    private static final Weights UPLOADED = ONE.scaled(-1, 0.5f);
    private static final Weights FOUR = ONE.scaled(3, -2);
    private static final double[] X = {1.0, -2.0, 0.5, 3.0};

    @TempDir
    static Path temp;

    private static Path store;
    private static TestRuntime runtime;

    @BeforeAll
    static void serveAStoreWithTwoNumberedVersions() throws Exception {
        store = temp.resolve("store");
        Path linear = store.resolve("linear");
        TorchScriptLinear.describe(linear);
        TorchScriptLinear.write(ONE, linear.resolve("1").resolve("model.pt"));
        TorchScriptLinear.write(TWO, linear.resolve("2").resolve("model.pt"));
        runtime = start(temp.resolve("data"));
    }

    private static TestRuntime start(Path data) {
        return TestRuntime.startOn(data, c -> c.settings(Map.of("model-store", store.toString())), "linear");
    }

    @AfterAll
    static void stop() {
        if (runtime != null) {
            runtime.close();
        }
    }

    private static Map<String, Object> input() {
        return Map.of("inputs", Map.of("x", List.of(List.of(X[0], X[1], X[2], X[3]))));
    }

    /** Asserts that a predict answer is the given weights' output, and returns the answering version. */
    private static String assertPredicts(String path, Weights expected) {
        TestRuntime.Answer answer = runtime.postJson(path, input());
        assertThat(answer.status()).as(answer.text()).isEqualTo(200);
        JsonNode y = answer.json().at("/predictions/outputs/y/0");
        double[] wanted = expected.apply(X);
        for (int i = 0; i < wanted.length; i++) {
            assertThat(y.get(i).asDouble()).as(answer.text()).isCloseTo(wanted[i], within(1e-4));
        }
        return answer.header("X-Model-Version");
    }

    private static void assertInfers(String path, Weights expected) {
        String body = "{\"inputs\":[{\"name\":\"x\",\"datatype\":\"FP32\",\"shape\":[1,4],\"data\":[" + X[0] + ","
                + X[1] + "," + X[2] + "," + X[3] + "]}]}";
        TestRuntime.Answer answer = runtime.post(path, RequestBody.create(body, MediaType.get("application/json")));
        assertThat(answer.status()).as(answer.text()).isEqualTo(200);
        JsonNode data = answer.json().at("/outputs/0/data");
        double[] wanted = expected.apply(X);
        for (int i = 0; i < wanted.length; i++) {
            assertThat(data.get(i).asDouble()).as(answer.text()).isCloseTo(wanted[i], within(1e-4));
        }
    }

    private static void promote(String version) {
        TestRuntime.Answer moved = runtime.putJson("/v2/models/linear/aliases/production", Map.of("version", version));
        assertThat(moved.status()).as(moved.text()).isEqualTo(200);
    }

    private static List<String> ids(JsonNode listed) {
        List<String> ids = new ArrayList<>();
        listed.path("versions").forEach(v -> ids.add(v.path("version").asText()));
        return ids;
    }

    @Test
    @Order(1)
    void numberedSubfoldersAreVersionsAndTheHighestServes() throws Exception {
        JsonNode listed = runtime.get("/v2/models/linear/versions").json();

        assertThat(ids(listed)).containsExactly("2", "1");
        assertThat(listed.at("/aliases/production").asText()).isEqualTo("2");
        JsonNode two = listed.path("versions").get(0);
        assertThat(two.path("source").asText()).isEqualTo("module");
        assertThat(two.at("/files/0/path").asText()).isEqualTo("model.pt");
        assertThat(two.at("/files/0/sha256").asText()).matches("[0-9a-f]{64}");
        assertThat(runtime.get("/v2/models/linear").json().path("versions").toString()).isEqualTo("[\"1\",\"2\"]");
        assertThat(assertPredicts("/v2/models/linear/predict/", TWO)).isEqualTo("2");
        assertInfers("/v2/models/linear/infer", TWO);

        TestRuntime.eventually(Duration.ofSeconds(60), "version 1 loads beside version 2",
                () -> runtime.get("/v2/models/linear/versions/1/ready").status() == 200);
        assertInfers("/v2/models/linear/versions/1/infer", ONE);
        assertThat(assertPredicts("/v2/models/linear/versions/1/predict/", ONE)).isEqualTo("1");

        promote("1");
        assertThat(assertPredicts("/v2/models/linear/predict/", ONE)).isEqualTo("1");
        promote("2");
        assertThat(assertPredicts("/v2/models/linear/predict/", TWO)).isEqualTo("2");
    }

    @Test
    @Order(2)
    void anUploadedTorchScriptFileBecomesTheServedVersionAndRollsBack() throws Exception {
        TestRuntime.Answer made = runtime.post("/v2/models/linear/versions?filename=model.pt",
                RequestBody.create(TorchScriptLinear.bytes(UPLOADED), MediaType.get("application/octet-stream")));

        assertThat(made.status()).as(made.text()).isEqualTo(201);
        assertThat(made.json().path("version").asText()).isEqualTo("3");
        assertThat(made.json().path("source").asText()).isEqualTo("upload");
        assertThat(made.json().path("aliases").toString()).contains("production");
        assertThat(assertPredicts("/v2/models/linear/predict/", UPLOADED)).isEqualTo("3");
        assertInfers("/v2/models/linear/infer", UPLOADED);

        promote("2");
        assertThat(assertPredicts("/v2/models/linear/predict/", TWO)).isEqualTo("2");
        assertInfers("/v2/models/linear/infer", TWO);
        promote("3");
        assertThat(assertPredicts("/v2/models/linear/predict/", UPLOADED)).isEqualTo("3");
    }

    @Test
    @Order(3)
    void aSubfolderAddedBeforeARestartIsServedUnderLatestAndOneWhoseNumberIsTakenIsSkipped() throws Exception {
        Path data = runtime.dataDir();
        runtime.close();
        runtime = null;
        TorchScriptLinear.write(TWO, store.resolve("linear").resolve("3").resolve("model.pt"));
        TorchScriptLinear.write(FOUR, store.resolve("linear").resolve("4").resolve("model.pt"));
        runtime = start(data);

        JsonNode listed = runtime.get("/v2/models/linear/versions").json();

        assertThat(ids(listed)).containsExactly("4", "3", "2", "1");
        assertThat(listed.path("versions").get(1).path("source").asText()).as("3 stays the upload").isEqualTo("upload");
        assertThat(listed.at("/aliases/production").asText()).isEqualTo("4");
        assertThat(assertPredicts("/v2/models/linear/predict/", FOUR)).isEqualTo("4");
        promote("3");
        assertThat(assertPredicts("/v2/models/linear/predict/", UPLOADED)).isEqualTo("3");
        assertThat(Files.exists(store.resolve("linear").resolve("4").resolve("model.pt"))).isTrue();
    }
}
