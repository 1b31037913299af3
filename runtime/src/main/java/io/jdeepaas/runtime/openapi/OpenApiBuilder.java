package io.jdeepaas.runtime.openapi;

import io.jdeepaas.spi.ModelEntryPoint;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.Paths;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.info.License;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.servers.Server;
import io.swagger.v3.oas.models.tags.Tag;
import java.util.List;

/**
 * Builds the OpenAPI 3.0 document of a server from its {@link ApiDescription}: the generic
 * routes ({@code /}, {@code /v2/}, {@code /v2/models/}), the Open Inference Protocol's server-wide
 * routes, {@code /metrics}, and per model one operation per route with the model's name written
 * into the path ({@code /v2/models/demo/predict/}). The document asks for no credentials (an empty
 * security requirement); {@link OpenApiSecurity} writes in the schemes of a server that checks them.
 *
 * <pre>{@code
 * OpenAPI api = OpenApiBuilder.build(new ApiDescription("jDEEPaaS", "0.1.0", "/", models, true, true));
 * }</pre>
 */
public final class OpenApiBuilder {

    /** The OpenAPI version the document declares. */
    public static final String OPENAPI_VERSION = "3.0.3";

    private static final String VERSIONS_TAG = "versions";
    private static final String MODELS_TAG = "models";
    private static final String EXPERIMENTS_TAG = "experiments";
    private static final String LICENSE = "Apache-2.0";
    private static final String LICENSE_URL = "https://www.apache.org/licenses/LICENSE-2.0";

    private OpenApiBuilder() {
    }

    /**
     * Builds the document. The base path goes into {@code servers}, not into the paths.
     *
     * @param description the server and its models
     * @return a new document, which the caller may change
     */
    public static OpenAPI build(ApiDescription description) {
        OpenAPI api = new OpenAPI()
                .openapi(OPENAPI_VERSION)
                .info(new Info().title(description.title()).version(description.version())
                        .description("DEEPaaS v2 API and Open Inference Protocol (KServe V2) of the models this"
                                + " server serves. DEEPaaS routes keep their trailing slashes.")
                        .license(new License().name(LICENSE).url(LICENSE_URL)))
                .servers(List.of(new Server().url(description.basePath().isEmpty() ? "/" : description.basePath())))
                .security(List.of(new SecurityRequirement()))
                .components(SharedSchemas.components())
                .addTagsItem(new Tag().name(VERSIONS_TAG).description("API versions"))
                .addTagsItem(new Tag().name(MODELS_TAG).description("The served models"))
                .addTagsItem(new Tag().name(InferenceProtocolPaths.TAG)
                        .description("Open Inference Protocol (KServe V2): health, server metadata, statistics"))
                .addTagsItem(new Tag().name(InferenceProtocolPaths.REPOSITORY_TAG)
                        .description("Loading and unloading models (Triton's model repository extension)"))
                .addTagsItem(new Tag().name(InferenceProtocolPaths.METRICS_TAG).description("Prometheus metrics"));
        Components components = api.getComponents();
        OipSchemas.addSchemas(components);
        Paths paths = new Paths();
        paths.addPathItem("/", get("get_versions", VERSIONS_TAG, "The API versions", SharedSchemas.VERSIONS));
        paths.addPathItem("/v2/", get("get_version_v2", VERSIONS_TAG, "The v2 API", SharedSchemas.VERSION));
        paths.addPathItem("/v2/models/", get("list_models", MODELS_TAG, "The served models", SharedSchemas.MODEL_LIST));
        InferenceProtocolPaths.server(description.models()).forEach(paths::addPathItem);
        for (ModelEntryPoint model : description.models()) {
            api.addTagsItem(new Tag().name(model.name()).description(model.metadata().description()));
            ModelPaths.of(model, description, components).forEach(paths::addPathItem);
        }
        if (description.trainEnabled()) {
            api.addTagsItem(new Tag().name(EXPERIMENTS_TAG).description("Named groups of trainings, compared"));
            TrainingPaths.experiments(EXPERIMENTS_TAG).forEach(paths::addPathItem);
        }
        return api.paths(paths);
    }

    private static PathItem get(String operationId, String tag, String summary, String schema) {
        ApiResponse ok = new ApiResponse().description(summary)
                .content(SharedSchemas.json(SharedSchemas.ref(schema)));
        return new PathItem().get(new Operation().operationId(operationId).summary(summary).tags(List.of(tag))
                .responses(new ApiResponses().addApiResponse("200", ok)
                        .addApiResponse("4XX", SharedSchemas.refusedResponse())));
    }
}
