package io.jdeepaas.runtime.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.jdeepaas.runtime.TestRuntime;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class ModelsApiTest {

    static TestRuntime runtime;

    @BeforeAll
    static void start() {
        runtime = TestRuntime.start("demo", "echo", "broken");
    }

    @AfterAll
    static void stop() {
        runtime.close();
    }

    @Test
    void theRootListsTheV2VersionWithLinksToTheDocs() {
        JsonNode root = runtime.get("/").json();
        assertThat(root.at("/versions/0/id").asText()).isEqualTo("v2");
        assertThat(root.at("/versions/0/version").asText()).isEqualTo("stable");
        assertThat(root.path("links").toString()).contains("/openapi.json").contains("/api");
        assertThat(runtime.get("/v2/").json().path("id").asText()).isEqualTo("v2");
    }

    @Test
    void theModelListHasEveryServedModelWithItsState() {
        JsonNode models = runtime.get("/v2/models/").json().path("models");
        assertThat(models).hasSize(3);
        assertThat(models.findValuesAsText("name")).containsExactly("broken", "demo", "echo");
        assertThat(models.findValuesAsText("state")).containsExactly("failed", "ready", "ready");
    }

    @Test
    void aModelObjectCarriesMetadataLinksDeviceAndState() {
        JsonNode demo = runtime.get("/v2/models/demo/").json();
        assertThat(demo.path("id").asText()).isEqualTo("demo");
        assertThat(demo.path("description").asText()).isNotBlank();
        assertThat(demo.path("version").asText()).isEqualTo("1.0.0");
        assertThat(demo.path("license").asText()).isEqualTo("Apache-2.0");
        assertThat(demo.path("device").asText()).isEqualTo("cpu");
        assertThat(demo.path("state").asText()).isEqualTo("ready");
        assertThat(demo.path("links").toString()).contains("/v2/models/demo/predict/").contains("/v2/models/demo/train/");
    }

    @Test
    void aModelWhoseWarmFailedIsReportedFailedWithItsReasonAndAnswers503() {
        JsonNode broken = runtime.get("/v2/models/broken/").json();
        assertThat(broken.path("state").asText()).isEqualTo("failed");
        assertThat(broken.path("error").asText()).contains("broken.params is missing");
        TestRuntime.Answer predict = runtime.postJson("/v2/models/broken/predict/", java.util.Map.of());
        assertThat(predict.status()).isEqualTo(503);
        assertThat(predict.json().path("message").asText()).contains("failed to load");
        assertThat(runtime.postJson("/v2/models/echo/predict/", java.util.Map.of("text", "hi")).status()).isEqualTo(200);
    }

    @Test
    void anUnknownModelIs404WithAJsonMessage() {
        TestRuntime.Answer answer = runtime.get("/v2/models/nope/");
        assertThat(answer.status()).isEqualTo(404);
        assertThat(answer.json().path("message").asText()).contains("no model named 'nope'");
    }

    @Test
    void anUnknownRouteIs404WithAJsonMessage() {
        TestRuntime.Answer answer = runtime.get("/v3/whatever");
        assertThat(answer.status()).isEqualTo(404);
        assertThat(answer.json().path("message").asText()).contains("no route");
    }

    @Test
    void theOtherSpellingOfARouteRedirectsPermanentlyToTheCanonicalOne() {
        TestRuntime.Answer models = runtime.get("/v2/models?x=1");
        assertThat(models.status()).isEqualTo(308);
        assertThat(models.header("Location")).isEqualTo("/v2/models/?x=1");
        TestRuntime.Answer predict = runtime.postJson("/v2/models/demo/predict", java.util.Map.of("text", "a"));
        assertThat(predict.status()).isEqualTo(308);
        assertThat(predict.header("Location")).isEqualTo("/v2/models/demo/predict/");
        assertThat(runtime.get("/v2/models/demo/train").header("Location")).isEqualTo("/v2/models/demo/train/");
        assertThat(runtime.get("/v2/models/demo/train/0123/").header("Location")).isEqualTo("/v2/models/demo/train/0123");
    }

    @Test
    void aWrongMethodIs405WithAJsonMessage() {
        TestRuntime.Answer answer = runtime.delete("/v2/models/");
        assertThat(answer.status()).isEqualTo(405);
        assertThat(answer.json().path("message").asText()).contains("DELETE");
        assertThat(runtime.get("/v2/models/demo/predict/").status()).isEqualTo(405);
    }

    @Test
    void aModelThatDoesNotTrainAnswers501OnTrainRoutes() {
        TestRuntime.Answer answer = runtime.postJson("/v2/models/echo/train/", java.util.Map.of());
        assertThat(answer.status()).isEqualTo(501);
        assertThat(answer.json().path("message").asText()).contains("does not implement train");
        assertThat(runtime.get("/v2/models/echo/train/").status()).isEqualTo(501);
    }
}
