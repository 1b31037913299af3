package io.jdeepaas.runtime.openapi;

import io.jdeepaas.runtime.registry.ModelCapabilities;
import io.jdeepaas.spi.ModelEntryPoint;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.media.ArraySchema;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.parameters.Parameter;
import io.swagger.v3.oas.models.parameters.RequestBody;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The Open Inference Protocol's routes (KServe V2, with Triton's extensions) besides infer: health,
 * server metadata, the statistics of all models, the model repository and {@code /metrics}, then
 * per model its metadata, readiness, statistics, configuration and the versioned routes. Errors
 * read {@code {"error": "..."}}.
 */
final class InferenceProtocolPaths {

    /** The tag of the server-wide protocol routes. */
    static final String TAG = "inference-protocol";
    /** The tag of the model repository routes. */
    static final String REPOSITORY_TAG = "repository";
    /** The tag of {@code /metrics}. */
    static final String METRICS_TAG = "metrics";

    private InferenceProtocolPaths() {
    }

    /**
     * @param models the served models
     * @return the server-wide paths
     */
    static Map<String, PathItem> server(List<ModelEntryPoint> models) {
        Map<String, PathItem> paths = new LinkedHashMap<>();
        paths.put("/v2/health/live", get(new Operation().operationId("server_live").summary("Whether the server is live")
                .responses(responses(ok("The server is live", OipSchemas.LIVE)))));
        paths.put("/v2/health/ready", get(new Operation().operationId("server_ready")
                .summary("Whether the server is ready").description("Ready once the start-up warming has ended.")
                .responses(responses(ok("The server is ready", OipSchemas.READY))
                        .addApiResponse("503", new ApiResponse().description("Still warming; the loading models listed")
                                .content(SharedSchemas.json(SharedSchemas.ref(OipSchemas.READY)))))));
        paths.put("/v2", get(new Operation().operationId("server_metadata").summary("Server metadata")
                .responses(responses(ok("The server's name, version and protocol extensions",
                        OipSchemas.SERVER_METADATA)))));
        paths.put("/v2/models/stats", get(new Operation().operationId("all_models_statistics")
                .summary("The inference statistics of every model (Triton's statistics extension)")
                .responses(responses(ok("Every model's statistics", OipSchemas.STATISTICS)))));
        paths.put("/v2/repository/index", new PathItem().post(new Operation().operationId("repository_index")
                .tags(List.of(REPOSITORY_TAG)).summary("Every served model with its state")
                .requestBody(new RequestBody().required(false).content(new Content().addMediaType("application/json",
                        new MediaType().schema(SharedSchemas.ref(OipSchemas.REPOSITORY_INDEX_REQUEST))
                                .example(Map.of("ready", true)))))
                .responses(new ApiResponses().addApiResponse("200", new ApiResponse().description("The models")
                                .content(SharedSchemas.json(new ArraySchema()
                                        .items(SharedSchemas.ref(OipSchemas.REPOSITORY_MODEL)))))
                        .addApiResponse("400", error("The body is not a JSON object")))));
        Parameter name = new Parameter().in("path").name("name").required(true).description("The model's name")
                .schema(new Schema<Object>().type("string")._enum(models.stream().map(m -> (Object) m.name()).toList()));
        paths.put("/v2/repository/models/{name}/load", new PathItem().addParametersItem(name)
                .post(new Operation().operationId("repository_load").tags(List.of(REPOSITORY_TAG))
                        .summary("Load a model, or reload a loaded one").description("Answers once the model is ready.")
                        .responses(responses(ok("The model, now ready", OipSchemas.REPOSITORY_MODEL), 404)
                                .addApiResponse("500", error("The model failed to load")))));
        paths.put("/v2/repository/models/{name}/unload", new PathItem().addParametersItem(name)
                .post(new Operation().operationId("repository_unload").tags(List.of(REPOSITORY_TAG))
                        .summary("Unload a model").description("A model that is training is not unloaded (409).")
                        .responses(responses(ok("The model, now unloaded", OipSchemas.REPOSITORY_MODEL), 404)
                                .addApiResponse("409", error("The model is training; cancel its training first")))));
        paths.put("/metrics", new PathItem().get(new Operation().operationId("metrics").tags(List.of(METRICS_TAG))
                .summary("Prometheus metrics")
                .description("The Prometheus text format: HTTP, inference queue and execution, batching, models and"
                        + " trainings, JVM and process metrics.")
                .responses(new ApiResponses().addApiResponse("200", new ApiResponse().description("Every metric")
                                .content(new Content().addMediaType("text/plain",
                                        new MediaType().schema(new Schema<Object>().type("string")))))
                        .addApiResponse("4XX", SharedSchemas.refusedResponse()))));
        paths.values().forEach(item -> item.readOperations().stream().filter(o -> o.getTags() == null)
                .forEach(o -> o.tags(List.of(TAG))));
        return paths;
    }

    /**
     * @param model a served model
     * @return its protocol paths (without infer, which {@link InferOperations} describes)
     */
    static Map<String, PathItem> model(ModelEntryPoint model) {
        String name = model.name();
        String root = "/v2/models/" + name;
        Map<String, PathItem> paths = new LinkedHashMap<>();
        paths.put(root, get(metadata(name, "")));
        paths.put(root + "/ready", get(ready(name, "")));
        paths.put(root + "/stats", get(operation(name, "statistics", "The inference statistics of " + name)
                .responses(responses(ok("The model's statistics", OipSchemas.STATISTICS), 404))));
        paths.put(root + "/config", get(operation(name, "config", "The configuration of " + name
                        + " (Triton's model configuration extension)")
                .description("Its inputs and outputs, max batch size, batching delay and worker count.")
                .responses(responses(ok("The configuration", OipSchemas.MODEL_CONFIG), 404))));
        Parameter version = versionParameter(model);
        String versioned = root + "/versions/{version}";
        paths.put(versioned, get(metadata(name, "_version")).delete(VersionPaths.delete(name))
                .addParametersItem(version));
        paths.put(versioned + "/ready", get(ready(name, "_version")).addParametersItem(version));
        if (ModelCapabilities.infers(model)) {
            paths.put(versioned + "/infer", new PathItem().post(InferOperations.infer(model)
                    .operationId(name + "_version_infer")
                    .summary("Tensor inference with one version of " + name)).addParametersItem(version));
        }
        return paths;
    }

    private static Operation metadata(String name, String suffix) {
        return operation(name, "oip_metadata" + suffix, "Model metadata of " + name)
                .description("The Open Inference Protocol's model metadata (platform, versions, tensor inputs and"
                        + " outputs) merged into the DEEPaaS model object." + versionNote(suffix))
                .responses(responses(ok("The model with its platform and tensors", OipSchemas.MODEL_METADATA), 404));
    }

    private static Operation ready(String name, String suffix) {
        return operation(name, "ready" + suffix, "Whether " + name + " is ready" + versionNote(suffix))
                .responses(responses(ok("The model is ready", OipSchemas.MODEL_READY), 404)
                        .addApiResponse("503", new ApiResponse().description("The model is not ready; its state says why")
                                .content(SharedSchemas.json(SharedSchemas.ref(OipSchemas.MODEL_READY)))));
    }

    private static String versionNote(String suffix) {
        return suffix.isEmpty() ? "" : " Any version the runtime keeps answers (an alias names one); a version other than"
                + " production is loaded on its first use, answering 503 with Retry-After until it is ready.";
    }

    /** @return the {@code {version}} path parameter: a version id or an alias */
    static Parameter versionParameter(ModelEntryPoint model) {
        return new Parameter().in("path").name("version").required(true)
                .description("A version of the model (1, 2, ...; 1 is what the module ships) or an alias"
                        + " (production, or one you set)").schema(new Schema<Object>().type("string").example("1"));
    }

    private static PathItem get(Operation operation) {
        return new PathItem().get(operation);
    }

    private static Operation operation(String model, String action, String summary) {
        return new Operation().operationId(model + "_" + action).summary(summary).tags(List.of(model));
    }

    private static ApiResponse ok(String description, String schema) {
        return new ApiResponse().description(description).content(SharedSchemas.json(SharedSchemas.ref(schema)));
    }

    private static ApiResponse error(String description) {
        return new ApiResponse().description(description)
                .content(SharedSchemas.json(SharedSchemas.ref(SharedSchemas.OIP_ERROR)));
    }

    /** 200, the listed statuses, and a generic 4XX when none is listed. */
    private static ApiResponses responses(ApiResponse ok, int... errors) {
        ApiResponses responses = new ApiResponses().addApiResponse("200", ok);
        for (int status : errors) {
            responses.addApiResponse(String.valueOf(status), error(status == 404 ? "No such model or version"
                    : "Refused"));
        }
        if (errors.length == 0) {
            responses.addApiResponse("4XX", new ApiResponse().description("Refused; the body says why")
                    .content(SharedSchemas.json(SharedSchemas.ref(SharedSchemas.OIP_ERROR))));
        }
        return responses;
    }
}
