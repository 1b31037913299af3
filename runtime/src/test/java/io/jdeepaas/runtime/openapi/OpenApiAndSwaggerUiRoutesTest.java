package io.jdeepaas.runtime.openapi;

import static org.assertj.core.api.Assertions.assertThat;

import io.javalin.Javalin;
import io.jdeepaas.runtime.http.ErrorMapper;
import io.jdeepaas.runtime.http.OpenApiRoutes;
import io.jdeepaas.runtime.http.SwaggerUiRoutes;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The OpenAPI document and the Swagger UI served under a base path, over real HTTP. */
class OpenApiAndSwaggerUiRoutesTest {

    private final HttpClient http = HttpClient.newHttpClient();
    private Javalin app;
    private String base;

    @BeforeEach
    void start() {
        OpenApiDocument document = OpenApiDocument.build(
                new ApiDescription("jDEEPaaS", "0.1.0", "/base", List.of(), true, true));
        app = Javalin.create(c -> c.router.contextPath = "/base");
        ErrorMapper.register(app);
        new OpenApiRoutes(document).register(app);
        new SwaggerUiRoutes("/base").register(app);
        app.start("127.0.0.1", 0);
        base = "http://127.0.0.1:" + app.port() + "/base";
    }

    @AfterEach
    void stop() {
        app.stop();
    }

    @Test
    void theSwaggerUiPageLoadsItsAssetsAndTheSpecFromUnderTheBasePath() throws Exception {
        HttpResponse<String> page = get("/api");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("text/html"));
        assertThat(page.body()).contains("\"/base/openapi.json\"", "/base/api/swagger-ui-bundle.js",
                "/base/api/swagger-ui-standalone-preset.js", "/base/api/swagger-ui.css")
                .doesNotContain("__BASE_PATH__", "petstore", "https://");
    }

    @Test
    void theSwaggerUiAssetsAreServedFromTheWebjarWithTheirContentTypes() throws Exception {
        HttpResponse<String> bundle = get("/api/swagger-ui-bundle.js");
        assertThat(bundle.statusCode()).isEqualTo(200);
        assertThat(bundle.headers().firstValue("Content-Type")).hasValueSatisfying(
                t -> assertThat(t).startsWith("application/javascript"));
        assertThat(bundle.body()).contains("SwaggerUIBundle");

        HttpResponse<String> css = get("/api/swagger-ui.css");
        assertThat(css.statusCode()).isEqualTo(200);
        assertThat(css.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("text/css"));

        HttpResponse<String> icon = get("/api/favicon-32x32.png");
        assertThat(icon.headers().firstValue("Content-Type")).hasValue("image/png");
    }

    @Test
    void anUnknownAssetIsAJson404() throws Exception {
        for (String asset : List.of("/api/nothing.js", "/api/swagger-initializer.js")) {
            HttpResponse<String> missing = get(asset);
            assertThat(missing.statusCode()).as(asset).isEqualTo(404);
            assertThat(missing.headers().firstValue("Content-Type")).hasValueSatisfying(
                    t -> assertThat(t).startsWith("application/json"));
            assertThat(missing.body()).contains("\"message\"");
        }
    }

    @Test
    void theOpenApiDocumentIsServedAsJsonAndYamlAndSwaggerTwoAtSwaggerJson() throws Exception {
        HttpResponse<String> json = get("/openapi.json");
        assertThat(json.statusCode()).isEqualTo(200);
        assertThat(json.headers().firstValue("Content-Type")).hasValueSatisfying(
                t -> assertThat(t).startsWith("application/json"));
        assertThat(json.body()).contains("\"openapi\" : \"3.0.3\"", "\"url\" : \"/base\"");
        HttpResponse<String> swagger = get("/swagger.json");
        assertThat(swagger.headers().firstValue("Content-Type")).hasValueSatisfying(
                t -> assertThat(t).startsWith("application/json"));
        assertThat(swagger.body()).contains("\"swagger\" : \"2.0\"", "\"basePath\" : \"/base\"");

        HttpResponse<String> yaml = get("/openapi.yaml");
        assertThat(yaml.statusCode()).isEqualTo(200);
        assertThat(yaml.headers().firstValue("Content-Type")).hasValueSatisfying(
                t -> assertThat(t).startsWith("application/yaml"));
        assertThat(yaml.body()).startsWith("openapi: 3.0.3");
    }

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(base + path)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
