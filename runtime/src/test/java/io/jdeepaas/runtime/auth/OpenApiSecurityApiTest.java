package io.jdeepaas.runtime.auth;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.jdeepaas.runtime.TestRuntime;
import io.jdeepaas.runtime.config.SecurityConfig;
import io.swagger.parser.SwaggerParser;
import io.swagger.parser.util.SwaggerDeserializationResult;
import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.ParseOptions;
import io.swagger.v3.parser.core.models.SwaggerParseResult;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The served document of a server with OpenID Connect and API keys: the schemes it declares lead a
 * client to the real provider, and each operation names the schemes that guard it as the access
 * table does.
 */
class OpenApiSecurityApiTest {

    private static OidcProvider provider;
    private static TestRuntime runtime;
    private static JsonNode document;

    @BeforeAll
    static void start() {
        provider = new OidcProvider();
        SecurityConfig auth = new SecurityConfig(List.of(provider.issuer("platform")), Set.of("jdeepaas"),
                new RoleMapping("groups", List.of(), EnumSet.of(Role.READ)), true, EnumSet.of(Role.READ),
                Access.PUBLIC, false, List.of(), null, null, CallerLimits.Settings.NONE);
        runtime = TestRuntime.start(c -> c.auth(auth), "demo");
        document = runtime.get("/openapi.json").json();
    }

    @AfterAll
    static void stop() {
        runtime.close();
        provider.close();
    }

    private static List<String> schemes(JsonNode operation) {
        List<String> names = new ArrayList<>();
        operation.path("security").forEach(r -> names.add(r.fieldNames().hasNext() ? r.fieldNames().next() : "{}"));
        return names;
    }

    @Test
    void theDocumentDeclaresTheProvidersDiscoveryABearerSchemeAndTheApiKeyHeader() throws Exception {
        JsonNode schemes = document.at("/components/securitySchemes");
        assertThat(schemes.path("oidc").path("type").asText()).isEqualTo("openIdConnect");
        String discovery = schemes.path("oidc").path("openIdConnectUrl").asText();
        assertThat(discovery).isEqualTo(provider.issuer("platform") + "/.well-known/openid-configuration");
        try (Response response = new OkHttpClient().newCall(new Request.Builder().url(discovery).build()).execute()) {
            assertThat(response.code()).isEqualTo(200);
            assertThat(TestRuntime.JSON.readTree(response.body().string()).path("issuer").asText())
                    .isEqualTo(provider.issuer("platform"));
        }
        assertThat(schemes.path("bearer").path("scheme").asText()).isEqualTo("bearer");
        assertThat(schemes.path("apiKey").path("in").asText()).isEqualTo("header");
        assertThat(schemes.path("apiKey").path("name").asText()).isEqualTo("X-API-Key");
    }

    @Test
    void eachOperationNamesTheSchemesThatGuardItAndItsRefusals() {
        JsonNode paths = document.path("paths");
        assertThat(schemes(paths.at("/~1v2~1health~1live/get"))).isEmpty();
        assertThat(paths.at("/~1v2~1health~1live/get").has("security")).isTrue();
        assertThat(schemes(paths.at("/~1metrics/get"))).isEmpty();
        // anonymous callers hold read: credentials are optional there
        assertThat(schemes(paths.at("/~1v2~1models~1/get"))).containsExactly("oidc", "bearer", "apiKey", "{}");
        JsonNode predict = paths.at("/~1v2~1models~1demo~1predict~1/post");
        assertThat(schemes(predict)).containsExactly("oidc", "bearer", "apiKey");
        assertThat(predict.at("/responses/401/content/application~1json/schema/$ref").asText())
                .isEqualTo("#/components/schemas/Error");
        assertThat(predict.at("/responses/403/description").asText()).contains("'predict' role");
        assertThat(predict.at("/responses/401/headers/WWW-Authenticate").isObject()).isTrue();
        JsonNode load = paths.at("/~1v2~1repository~1models~1{name}~1load/post");
        assertThat(schemes(load)).containsExactly("oidc", "bearer", "apiKey");
        assertThat(load.at("/responses/403/content/application~1json/schema/$ref").asText())
                .isEqualTo("#/components/schemas/OipError");
        List<String> unguarded = new ArrayList<>();
        paths.fields().forEachRemaining(path -> path.getValue().fields().forEachRemaining(op -> {
            if (op.getValue().has("responses") && !schemes(op.getValue()).isEmpty()
                    && !(op.getValue().at("/responses/401").isObject() && op.getValue().at("/responses/403").isObject())) {
                unguarded.add(op.getKey() + " " + path.getKey());
            }
        }));
        assertThat(unguarded).isEmpty();
    }

    @Test
    void theDocumentStaysValidOpenApiAndItsSwaggerTwoFormStaysValidToo() {
        ParseOptions options = new ParseOptions();
        options.setResolve(true);
        SwaggerParseResult three = new OpenAPIV3Parser().readContents(runtime.get("/openapi.json").text(), null, options);
        assertThat(three.getMessages()).isEmpty();
        SwaggerDeserializationResult two = new SwaggerParser().readWithInfo(runtime.get("/swagger.json").text());
        assertThat(two.getMessages()).isEmpty();
        assertThat(two.getSwagger().getPaths()).containsKey("/v2/models/demo/predict/");
    }

    @Test
    void withoutAuthenticationTheDocumentAsksForNoCredentials() {
        try (TestRuntime open = TestRuntime.start("demo")) {
            JsonNode doc = open.get("/openapi.json").json();
            assertThat(doc.at("/components/securitySchemes").isMissingNode()).isTrue();
            assertThat(schemes(doc)).containsExactly("{}");
            assertThat(doc.at("/paths/~1v2~1models~1demo~1predict~1/post/responses/401").isMissingNode()).isTrue();
        }
    }
}
