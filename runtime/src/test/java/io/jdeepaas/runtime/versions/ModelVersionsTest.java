package io.jdeepaas.runtime.versions;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.jdeepaas.runtime.TestRuntime;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import okhttp3.MediaType;
import okhttp3.RequestBody;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Model versions over real HTTP with the iris example: each training's weights become a version,
 * {@code production} decides what predict answers, promotes and roll-backs change it, versions and
 * aliases survive a restart, and the versioned protocol routes address any version.
 *
 * <p>The tests share one runtime and one history of two trainings (versions 2 and 3), made once.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ModelVersionsTest {

    private static final Map<String, Object> VIRGINICA = Map.of("sepal_length", 6.7, "sepal_width", 3.0,
            "petal_length", 5.2, "petal_width", 2.3);

    private static TestRuntime runtime;
    private static String first;
    private static String second;

    @BeforeAll
    static void trainTwice() throws Exception {
        runtime = TestRuntime.start("iris");
        first = train(runtime);
        second = train(runtime);
    }

    @AfterAll
    static void stop() {
        if (runtime != null) {
            runtime.close();
        }
    }

    static String train(TestRuntime on) throws InterruptedException {
        String uuid = on.postJson("/v2/models/iris/train/", Map.of("epochs", 5)).json().path("uuid").asText();
        JsonNode record = on.awaitTraining("iris", uuid, Duration.ofMinutes(3));
        assertThat(record.path("status").asText()).as(record.toString()).isEqualTo("done");
        return uuid;
    }

    static String servedWeights(TestRuntime on) {
        TestRuntime.Answer answer = on.postJson("/v2/models/iris/predict/", VIRGINICA);
        assertThat(answer.status()).as(answer.text()).isEqualTo(200);
        return answer.json().at("/predictions/weights").asText();
    }

    static void promote(String version) {
        TestRuntime.Answer moved = runtime.putJson("/v2/models/iris/aliases/production", Map.of("version", version));
        assertThat(moved.status()).as(moved.text()).isEqualTo(200);
        assertThat(moved.json().path("aliases").toString()).contains("production");
    }

    @Test
    @Order(1)
    void trainingTwiceMakesVersionsTwoAndThreeWithTheirTrainingsMetricsAndFiles() {
        assertThat(runtime.get("/v2/models/iris/train/" + first).json().at("/result/version").asText()).isEqualTo("2");
        assertThat(runtime.get("/v2/models/iris/train/" + second).json().at("/result/version").asText()).isEqualTo("3");

        JsonNode listed = runtime.get("/v2/models/iris/versions").json();

        assertThat(listed.path("policy").asText()).isEqualTo("latest");
        assertThat(listed.at("/aliases/production").asText()).isEqualTo("3");
        List<String> ids = new ArrayList<>();
        listed.path("versions").forEach(v -> ids.add(v.path("version").asText()));
        assertThat(ids).containsExactly("3", "2", "1");
        JsonNode two = listed.path("versions").get(1);
        assertThat(two.path("source").asText()).isEqualTo("training");
        assertThat(two.path("training").asText()).isEqualTo(first);
        assertThat(two.at("/args/epochs").asInt()).isEqualTo(5);
        assertThat(two.at("/metrics/val_accuracy").isNumber()).as(two.toString()).isTrue();
        assertThat(two.path("created").asText()).isNotEmpty();
        assertThat(two.path("files").size()).isGreaterThanOrEqualTo(2);
        two.path("files").forEach(f -> {
            assertThat(f.path("sha256").asText()).matches("[0-9a-f]{64}");
            assertThat(f.path("size").asLong()).isPositive();
        });
        assertThat(listed.path("versions").get(2).path("source").asText()).isEqualTo("module");
        assertThat(servedWeights(runtime)).isEqualTo(second);
    }

    @Test
    @Order(2)
    void promotingAnOlderVersionAndRollingBackChangeWhatPredictAnswers() {
        promote("2");
        assertThat(servedWeights(runtime)).isEqualTo(first);
        assertThat(runtime.postJson("/v2/models/iris/predict/", VIRGINICA).header("X-Model-Version")).isEqualTo("2");

        promote("3");
        assertThat(servedWeights(runtime)).isEqualTo(second);

        promote("1");
        assertThat(servedWeights(runtime)).isEqualTo("initial");
        promote("3");
    }

    @Test
    @Order(3)
    void aUserAliasNamesAVersionAndTheProductionOrAliasedVersionCannotBeDeleted() {
        assertThat(runtime.putJson("/v2/models/iris/aliases/staging", Map.of("version", "2")).status()).isEqualTo(200);
        assertThat(runtime.get("/v2/models/iris/versions").json().at("/aliases/staging").asText()).isEqualTo("2");

        TestRuntime.Answer production = runtime.delete("/v2/models/iris/versions/3");
        assertThat(production.status()).isEqualTo(409);
        assertThat(production.json().path("error").asText()).contains("production");
        assertThat(runtime.delete("/v2/models/iris/versions/2").status()).isEqualTo(409);

        assertThat(runtime.delete("/v2/models/iris/aliases/staging").status()).isEqualTo(200);
        assertThat(runtime.delete("/v2/models/iris/aliases/production").status()).isEqualTo(409);
        assertThat(runtime.putJson("/v2/models/iris/aliases/production", Map.of("version", "42")).status())
                .isEqualTo(404);
        assertThat(runtime.putJson("/v2/models/iris/aliases/Bad%20Name", Map.of("version", "2")).status())
                .isEqualTo(400);
        JsonNode audit = runtime.get("/v2/audit?action=alias.set").json();
        assertThat(audit.path("entries").toString()).contains("alias staging -> version 2");
    }

    @Test
    @Order(4)
    void theVersionedProtocolRoutesAddressAnyVersionAndTheMetadataListsThem() throws Exception {
        assertThat(runtime.get("/v2/models/iris").json().path("versions").toString()).isEqualTo("[\"1\",\"2\",\"3\"]");
        assertThat(runtime.get("/v2/models/iris/versions/99/ready").status()).isEqualTo(404);
        assertThat(runtime.get("/v2/models/iris/versions/3/ready").status()).isEqualTo(200);

        String infer = "{\"inputs\":[{\"name\":\"input\",\"datatype\":\"FP32\",\"shape\":[1,4],"
                + "\"data\":[6.7,3.0,5.2,2.3]}]}";
        TestRuntime.Answer loading = runtime.post("/v2/models/iris/versions/2/infer",
                RequestBody.create(infer, MediaType.get("application/json")));
        if (loading.status() == 503) {
            assertThat(loading.header("Retry-After")).isNotNull();
        } else {
            assertThat(loading.status()).as(loading.text()).isEqualTo(200);
        }
        TestRuntime.eventually(Duration.ofSeconds(60), "version 2 loads beside production",
                () -> runtime.get("/v2/models/iris/versions/2/ready").status() == 200);
        TestRuntime.Answer answer = runtime.post("/v2/models/iris/versions/2/infer",
                RequestBody.create(infer, MediaType.get("application/json")));
        assertThat(answer.status()).as(answer.text()).isEqualTo(200);
        assertThat(answer.json().path("model_version").asText()).isEqualTo("2");
        assertThat(answer.header("X-Model-Version")).isEqualTo("2");

        TestRuntime.Answer predicted = runtime.postJson("/v2/models/iris/versions/2/predict/", VIRGINICA);
        assertThat(predicted.json().at("/predictions/weights").asText()).isEqualTo(first);
        assertThat(servedWeights(runtime)).isEqualTo(second);

        JsonNode metadata = runtime.get("/v2/models/iris/versions/2").json();
        assertThat(metadata.path("training").asText()).isEqualTo(first);
        assertThat(metadata.path("inputs").get(0).path("name").asText()).isEqualTo("input");
    }

    @Test
    @Order(5)
    void anUploadedZipBecomesANewVersionAndIsServed() throws Exception {
        Path two = runtime.dataDir().resolve("models").resolve("iris").resolve("versions").resolve("2");
        ByteArrayOutputStream zip = new ByteArrayOutputStream();
        try (ZipOutputStream out = new ZipOutputStream(zip); var files = Files.list(two)) {
            for (Path file : files.toList()) {
                out.putNextEntry(new ZipEntry(file.getFileName().toString()));
                out.write(Files.readAllBytes(file));
                out.closeEntry();
            }
        }
        TestRuntime.Answer made = runtime.post("/v2/models/iris/versions?filename=weights.zip",
                RequestBody.create(zip.toByteArray(), MediaType.get("application/zip")));

        assertThat(made.status()).as(made.text()).isEqualTo(201);
        assertThat(made.json().path("version").asText()).isEqualTo("4");
        assertThat(made.json().path("source").asText()).isEqualTo("upload");
        assertThat(made.json().path("aliases").toString()).contains("production");
        assertThat(servedWeights(runtime)).isEqualTo(first); // the uploaded files are version 2's
        assertThat(runtime.delete("/v2/models/iris/versions/1").status()).isEqualTo(200);
        assertThat(runtime.get("/v2/models/iris/versions/1/ready").status()).isEqualTo(404);
    }

    @Test
    @Order(6)
    void aRestartKeepsTheVersionsAndAliasesAndServesProductionAgain() {
        promote("3");
        runtime.putJson("/v2/models/iris/aliases/candidate", Map.of("version", "2"));
        Path data = runtime.dataDir();
        runtime.close();
        runtime = TestRuntime.startOn(data, c -> c, "iris");

        JsonNode listed = runtime.get("/v2/models/iris/versions").json();
        assertThat(listed.at("/aliases/production").asText()).isEqualTo("3");
        assertThat(listed.at("/aliases/candidate").asText()).isEqualTo("2");
        assertThat(listed.path("versions").size()).isEqualTo(3); // 4, 3, 2: version 1 was deleted
        assertThat(servedWeights(runtime)).isEqualTo(second);
    }
    @Test
    @Order(7)
    void aTenPercentCanarySendsAboutATenthOfTheRequestsToTheCandidateUntilItIsPromoted() throws Exception {
        assertThat(runtime.get("/v2/models/iris/versions").json().at("/aliases/candidate").asText()).isEqualTo("2");
        TestRuntime.eventually(Duration.ofSeconds(60), "the candidate loads beside production",
                () -> runtime.get("/v2/models/iris/versions/candidate/ready").status() == 200);
        TestRuntime.Answer split = runtime.putJson("/v2/models/iris/split", Map.of("candidate", 10));
        assertThat(split.status()).as(split.text()).isEqualTo(200);
        assertThat(split.json().at("/split/candidate").asInt()).isEqualTo(10);
        assertThat(runtime.putJson("/v2/models/iris/split", Map.of("candidate", 150)).status()).isEqualTo(400);
        assertThat(runtime.putJson("/v2/models/iris/split", Map.of("nobody", 10)).status()).isEqualTo(404);

        java.util.concurrent.ExecutorService clients = java.util.concurrent.Executors.newFixedThreadPool(4);
        List<java.util.concurrent.Future<String>> answers = new ArrayList<>();
        for (int i = 0; i < 2000; i++) {
            answers.add(clients.submit(() -> {
                TestRuntime.Answer answer = runtime.postJson("/v2/models/iris/predict/", VIRGINICA);
                assertThat(answer.status()).as(answer.text()).isEqualTo(200);
                return answer.header("X-Model-Version");
            }));
        }
        int candidate = 0;
        for (java.util.concurrent.Future<String> answer : answers) {
            candidate += answer.get().equals("2") ? 1 : 0;
        }
        clients.shutdown();
        System.out.printf("canary: %d of 2000 requests answered by the candidate%n", candidate);
        assertThat(candidate).isBetween(100, 300);
        assertThat(runtime.metric("deepaas_http_requests_seconds_count{method=\"POST\",model=\"iris\","
                + "route=\"/v2/models/{name}/predict/\",status=\"200\",version=\"2\"}")).isGreaterThanOrEqualTo(candidate);

        promote("2");
        assertThat(runtime.get("/v2/models/iris/split").json().path("split").size()).isZero();
        assertThat(servedWeights(runtime)).isEqualTo(first);
        promote("3");
    }
}
