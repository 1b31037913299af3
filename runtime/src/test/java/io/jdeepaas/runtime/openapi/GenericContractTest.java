package io.jdeepaas.runtime.openapi;

import static org.assertj.core.api.Assertions.assertThat;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.PathItem.HttpMethod;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The hand-written contract at the repository's root, {@code openapi.yaml}. */
class GenericContractTest {

    private static final Map<String, Set<HttpMethod>> DESIGN_ROUTES = Map.ofEntries(
            Map.entry("/", Set.of(HttpMethod.GET)),
            Map.entry("/v2/", Set.of(HttpMethod.GET)),
            Map.entry("/v2/models/", Set.of(HttpMethod.GET)),
            Map.entry("/v2/models/{name}/", Set.of(HttpMethod.GET)),
            Map.entry("/v2/models/{name}/predict/", Set.of(HttpMethod.POST)),
            Map.entry("/v2/models/{name}/train/", Set.of(HttpMethod.POST, HttpMethod.GET)),
            Map.entry("/v2/models/{name}/train/{uuid}", Set.of(HttpMethod.GET, HttpMethod.DELETE)),
            Map.entry("/v2/models/{name}/train/{uuid}/retry", Set.of(HttpMethod.POST)),
            Map.entry("/v2/models/{name}/train/{uuid}/metrics", Set.of(HttpMethod.GET)),
            Map.entry("/v2/models/{name}/train/{uuid}/logs", Set.of(HttpMethod.GET)),
            Map.entry("/v2/models/{name}/train/{uuid}/events", Set.of(HttpMethod.GET)),
            Map.entry("/v2/models/{name}/train/{uuid}/artifacts/", Set.of(HttpMethod.GET)),
            Map.entry("/v2/models/{name}/train/{uuid}/artifacts/{path}", Set.of(HttpMethod.GET)),
            Map.entry("/v2/experiments/", Set.of(HttpMethod.GET)),
            Map.entry("/v2/experiments/{experiment}", Set.of(HttpMethod.GET)),
            Map.entry("/openapi.json", Set.of(HttpMethod.GET)),
            Map.entry("/swagger.json", Set.of(HttpMethod.GET)),
            Map.entry("/openapi.yaml", Set.of(HttpMethod.GET)),
            Map.entry("/api", Set.of(HttpMethod.GET)),
            Map.entry("/v2/health/live", Set.of(HttpMethod.GET)),
            Map.entry("/v2/health/ready", Set.of(HttpMethod.GET)),
            Map.entry("/v2/models/{name}/ready", Set.of(HttpMethod.GET)),
            Map.entry("/v2", Set.of(HttpMethod.GET)),
            Map.entry("/v2/models/{name}", Set.of(HttpMethod.GET)),
            Map.entry("/v2/models/{name}/infer", Set.of(HttpMethod.POST)),
            Map.entry("/v2/models/{name}/stats", Set.of(HttpMethod.GET)),
            Map.entry("/v2/models/stats", Set.of(HttpMethod.GET)),
            Map.entry("/v2/models/{name}/config", Set.of(HttpMethod.GET)),
            Map.entry("/v2/models/{name}/versions/{version}", Set.of(HttpMethod.GET, HttpMethod.DELETE)),
            Map.entry("/v2/models/{name}/versions", Set.of(HttpMethod.GET, HttpMethod.POST)),
            Map.entry("/v2/models/{name}/aliases/{alias}", Set.of(HttpMethod.PUT, HttpMethod.DELETE)),
            Map.entry("/v2/models/{name}/split", Set.of(HttpMethod.GET, HttpMethod.PUT, HttpMethod.DELETE)),
            Map.entry("/v2/models/{name}/versions/{version}/predict/", Set.of(HttpMethod.POST)),
            Map.entry("/v2/models/{name}/versions/{version}/ready", Set.of(HttpMethod.GET)),
            Map.entry("/v2/models/{name}/versions/{version}/infer", Set.of(HttpMethod.POST)),
            Map.entry("/v2/models/{name}/versions/{version}/stats", Set.of(HttpMethod.GET)),
            Map.entry("/v2/models/{name}/versions/{version}/config", Set.of(HttpMethod.GET)),
            Map.entry("/v2/trace/setting", Set.of(HttpMethod.GET, HttpMethod.POST)),
            Map.entry("/v2/models/{name}/trace/setting", Set.of(HttpMethod.GET, HttpMethod.POST)),
            Map.entry("/v2/logging", Set.of(HttpMethod.GET, HttpMethod.POST)),
            Map.entry("/v2/systemsharedmemory/status", Set.of(HttpMethod.GET)),
            Map.entry("/v2/systemsharedmemory/region/{region}/status", Set.of(HttpMethod.GET)),
            Map.entry("/v2/systemsharedmemory/region/{region}/register", Set.of(HttpMethod.POST)),
            Map.entry("/v2/systemsharedmemory/region/{region}/unregister", Set.of(HttpMethod.POST)),
            Map.entry("/v2/systemsharedmemory/unregister", Set.of(HttpMethod.POST)),
            Map.entry("/v2/cudasharedmemory/status", Set.of(HttpMethod.GET)),
            Map.entry("/v2/cudasharedmemory/region/{region}/status", Set.of(HttpMethod.GET)),
            Map.entry("/v2/cudasharedmemory/region/{region}/register", Set.of(HttpMethod.POST)),
            Map.entry("/v2/cudasharedmemory/region/{region}/unregister", Set.of(HttpMethod.POST)),
            Map.entry("/v2/cudasharedmemory/unregister", Set.of(HttpMethod.POST)),
            Map.entry("/v2/keys", Set.of(HttpMethod.GET, HttpMethod.POST)),
            Map.entry("/v2/keys/{key}", Set.of(HttpMethod.DELETE)),
            Map.entry("/v2/audit", Set.of(HttpMethod.GET)),
            Map.entry("/v2/debug", Set.of(HttpMethod.GET)),
            Map.entry("/v2/repository/index", Set.of(HttpMethod.POST)),
            Map.entry("/v2/repository/models/{name}/load", Set.of(HttpMethod.POST)),
            Map.entry("/v2/repository/models/{name}/unload", Set.of(HttpMethod.POST)),
            Map.entry("/metrics", Set.of(HttpMethod.GET)));

    @Test
    void theContractIsValidOpenApi303WithEveryRouteOfTheDesign() throws Exception {
        OpenAPI contract = OpenApiParsing.parseStrictly(Files.readString(Path.of("..", "openapi.yaml")));
        assertThat(contract.getOpenapi()).isEqualTo("3.0.3");
        assertThat(contract.getPaths().keySet()).containsExactlyInAnyOrderElementsOf(DESIGN_ROUTES.keySet());
        DESIGN_ROUTES.forEach((path, methods) -> assertThat(contract.getPaths().get(path).readOperationsMap().keySet())
                .as(path).containsExactlyInAnyOrderElementsOf(methods));
    }

    @Test
    void everyOperationButTheProbesDeclaresTheSchemesAndItsRefusalsByCredentials() throws Exception {
        OpenAPI contract = OpenApiParsing.parseStrictly(Files.readString(Path.of("..", "openapi.yaml")));
        assertThat(contract.getComponents().getSecuritySchemes()).containsKeys("oidc", "bearer", "apiKey");
        assertThat(contract.getComponents().getSecuritySchemes().get("apiKey").getName()).isEqualTo("X-API-Key");
        java.util.List<String> wrong = new java.util.ArrayList<>();
        contract.getPaths().forEach((path, item) -> item.readOperationsMap().forEach((method, op) -> {
            boolean probe = Set.of("/v2/health/live", "/v2/health/ready", "/metrics").contains(path);
            boolean open = op.getSecurity() != null && op.getSecurity().isEmpty();
            boolean refusals = op.getResponses().containsKey("401") && op.getResponses().containsKey("403");
            if (probe ? !open || refusals : open || !refusals) {
                wrong.add(method + " " + path);
            }
        }));
        assertThat(wrong).isEmpty();
    }

    @Test
    void theContractDefinesTheSharedSchemas() throws Exception {
        OpenAPI contract = OpenApiParsing.parseStrictly(Files.readString(Path.of("..", "openapi.yaml")));
        assertThat(contract.getComponents().getSchemas()).containsKeys("ModelObject", "ModelList", "TrainingRecord",
                "MetricSeries", "TrainingLogs", "ArtifactList", "ExperimentList", "ExperimentComparison",
                "Error", "ValidationError", "OipError", "OipInferRequest", "OipInferResponse");
    }
}
