package io.jdeepaas.runtime.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.jdeepaas.runtime.TestRuntime;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.ParseOptions;
import io.swagger.v3.parser.core.models.SwaggerParseResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import okhttp3.Request;
import okhttp3.RequestBody;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class OpenApiServedTest {

    static TestRuntime runtime;

    @BeforeAll
    static void start() {
        runtime = TestRuntime.start("demo", "echo");
    }

    @AfterAll
    static void stop() {
        runtime.close();
    }

    @Test
    void theServedDocumentParsesWithoutErrorsAndDescribesEachModelsArguments() {
        ParseOptions options = new ParseOptions();
        options.setResolve(true);
        SwaggerParseResult result = new OpenAPIV3Parser().readContents(runtime.get("/openapi.json").text(), null, options);
        assertThat(result.getMessages()).isEmpty();
        OpenAPI api = result.getOpenAPI();
        assertThat(api.getPaths()).containsKeys("/v2/models/demo/predict/", "/v2/models/demo/train/",
                "/v2/models/echo/predict/");
        assertThat(api.getPaths()).doesNotContainKey("/v2/models/echo/train/");
        String json = runtime.get("/swagger.json").text();
        assertThat(json).contains("\"attachment\"").contains("\"binary\"").contains("\"choice\"");
        assertThat(runtime.get("/openapi.yaml").text()).contains("openapi: 3.0");
        // so Swagger UI's "Try it out" does not send made-up values for optional lists and booleans
        @SuppressWarnings("rawtypes")
        Map<String, io.swagger.v3.oas.models.media.Schema> form = api.getPaths().get("/v2/models/demo/predict/").getPost().getRequestBody().getContent()
                .get("multipart/form-data").getSchema().getProperties();
        assertThat(String.valueOf(form.get("numbers").getDefault())).isEqualTo("[]");
        assertThat(form.get("flag").getDefault()).isEqualTo(false);
    }

    @Test
    void theSwaggerUiIsServedFromTheJar() {
        TestRuntime.Answer page = runtime.get("/api");
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.text()).contains("/openapi.json").doesNotContain("https://");
        assertThat(runtime.get("/api/swagger-ui-bundle.js").status()).isEqualTo(200);
    }

    @Test
    void everyRouteOfTheTopLevelContractIsServed() throws Exception {
        String uuid = runtime.postJson("/v2/models/demo/train/", Map.of("epochs", 1, "sleep", 0,
                "experiment", "contract")).json().path("uuid").asText();
        runtime.awaitTraining("demo", uuid, java.time.Duration.ofSeconds(30));
        OpenAPI contract = new OpenAPIV3Parser().read(Path.of("..", "openapi.yaml").toAbsolutePath().toString());
        assertThat(contract).isNotNull();
        int checked = 0;
        for (Map.Entry<String, PathItem> entry : contract.getPaths().entrySet()) {
            String path = entry.getKey().replace("{name}", "demo").replace("{uuid}", uuid)
                    .replace("{path}", "model.txt").replace("{experiment}", "contract")
                    .replace("{version}", "1.0.0").replace("{region}", "r1");
            for (PathItem.HttpMethod method : entry.getValue().readOperationsMap().keySet()) {
                RequestBody body = method == PathItem.HttpMethod.POST
                        ? RequestBody.create("{}", okhttp3.MediaType.get("application/json")) : null;
                TestRuntime.Answer answer = runtime.send(new Request.Builder().url(runtime.url(path))
                        .method(method.name(), body).build());
                assertThat(answer.status()).as(method + " " + path + " -> " + answer.text()).isNotIn(404, 405);
                checked++;
            }
        }
        assertThat(checked).isGreaterThan(20);
        assertThat(Files.exists(Path.of("..", "openapi.yaml"))).isTrue();
    }
}
