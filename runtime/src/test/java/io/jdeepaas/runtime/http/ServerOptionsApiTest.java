package io.jdeepaas.runtime.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.jdeepaas.runtime.TestRuntime;
import io.jdeepaas.runtime.config.RuntimeConfig;
import java.util.Map;
import okhttp3.MediaType;
import okhttp3.RequestBody;
import org.junit.jupiter.api.Test;

/** Flags that change what the server answers: base path, disabled endpoints, upload limit. */
class ServerOptionsApiTest {

    private static RuntimeConfig.Builder with(RuntimeConfig.Builder c, String basePath, long maxUpload,
                                              boolean predict, boolean train) {
        return c.basePath(basePath).maxUploadSize(maxUpload).predictEndpoint(predict).trainEndpoint(train);
    }

    @Test
    void aBasePathPrefixesEveryRouteAndLink() {
        try (TestRuntime runtime = TestRuntime.start(c -> with(c, "/deepaas/", 100_000_000, true, true), "demo")) {
            assertThat(runtime.url("/v2/models/")).contains("/deepaas/v2/models/");
            assertThat(runtime.get("/v2/models/demo/").json().path("links").toString())
                    .contains("\"/deepaas/v2/models/demo/predict/\"");
            assertThat(runtime.get("/").json().path("links").toString()).contains("/deepaas/openapi.json");
            assertThat(runtime.get("/openapi.json").status()).isEqualTo(200);
        }
    }

    @Test
    void disabledPredictAndTrainEndpointsAreNotServed() {
        try (TestRuntime runtime = TestRuntime.start(c -> with(c, "", 100_000_000, false, false), "demo")) {
            assertThat(runtime.postJson("/v2/models/demo/predict/", Map.of("text", "x")).status()).isEqualTo(404);
            assertThat(runtime.postJson("/v2/models/demo/train/", Map.of()).status()).isEqualTo(404);
            assertThat(runtime.get("/v2/models/demo/").json().path("links").toString()).doesNotContain("predict");
            assertThat(runtime.get("/openapi.json").text()).doesNotContain("/v2/models/demo/predict/");
        }
    }

    @Test
    void aBodyLargerThanTheUploadLimitIs413AndLeavesNoFile() throws Exception {
        try (TestRuntime runtime = TestRuntime.start(c -> with(c, "", 10_000, true, true), "demo")) {
            byte[] big = new byte[50_000];
            TestRuntime.Answer multipart = runtime.post("/v2/models/demo/predict/", TestRuntime.multipart()
                    .addFormDataPart("text", "big")
                    .addFormDataPart("attachment", "big.bin", RequestBody.create(big, null)).build());
            assertThat(multipart.status()).isEqualTo(413);
            assertThat(multipart.json().path("message").asText()).contains("max-upload-size");
            TestRuntime.Answer json = runtime.post("/v2/models/demo/predict/",
                    RequestBody.create("{\"text\": \"" + "x".repeat(20_000) + "\"}", MediaType.get("application/json")));
            assertThat(json.status()).isEqualTo(413);
            assertThat(runtime.uploadLeftovers()).isEmpty();
        }
    }
}
