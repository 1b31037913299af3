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
        assertThat(runtime.get("/openapi.json").text()).contains("\"attachment\"").contains("\"binary\"")
                .contains("\"choice\"");
        assertThat(runtime.get("/swagger.json").text()).contains("\"swagger\" : \"2.0\"");
        assertThat(runtime.get("/openapi.yaml").text()).contains("openapi: 3.0");
        // no made-up default for an optional argument without one: Swagger UI would send it
        @SuppressWarnings("rawtypes")
        Map<String, io.swagger.v3.oas.models.media.Schema> form = api.getComponents().getSchemas()
                .get("DemoPredictArguments").getProperties();
        assertThat(form.get("numbers").getDefault()).isNull();
        assertThat(form.get("flag").getDefault()).isNull();
        assertThat(form.get("ratio").getDefault()).isNull();
        assertThat(((Number) form.get("number").getDefault()).longValue()).isEqualTo(50L);
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
            if (entry.getKey().startsWith("/v2/keys")) {
                continue; // served only with --api-keys (AccessApiTest calls them)
            }
            String path = entry.getKey().replace("{name}", "demo").replace("{uuid}", uuid)
                    .replace("{path}", "model.txt").replace("{experiment}", "contract")
                    .replace("{version}", "1").replace("{region}", "r1").replace("{alias}", "production");
            for (PathItem.HttpMethod method : entry.getValue().readOperationsMap().keySet()) {
                RequestBody body = method == PathItem.HttpMethod.POST || method == PathItem.HttpMethod.PUT
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
