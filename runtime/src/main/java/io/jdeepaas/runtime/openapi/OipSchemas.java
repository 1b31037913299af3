package io.jdeepaas.runtime.openapi;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.media.ArraySchema;
import io.swagger.v3.oas.models.media.Schema;
import java.util.List;

/**
 * The Open Inference Protocol's answers other than tensors (those are {@link InferOperations}'):
 * health, server and model metadata, statistics, the model repository and Triton's model
 * configuration.
 */
final class OipSchemas {

    static final String LIVE = "OipServerLive";
    static final String READY = "OipServerReady";
    static final String MODEL_READY = "OipModelReady";
    static final String SERVER_METADATA = "OipServerMetadata";
    static final String TENSOR_METADATA = "OipTensorMetadata";
    static final String MODEL_METADATA = "OipModelMetadata";
    static final String STATISTICS = "OipModelStatistics";
    static final String DURATION = "OipStatisticDuration";
    static final String REPOSITORY_MODEL = "OipRepositoryModel";
    static final String REPOSITORY_INDEX_REQUEST = "OipRepositoryIndexRequest";
    static final String MODEL_CONFIG = "OipModelConfig";

    private OipSchemas() {
    }

    /** @param components the document's components, which gain these schemas */
    static void addSchemas(Components components) {
        components.addSchemas(LIVE, object().addProperty("live", bool()).required(List.of("live")))
                .addSchemas(READY, object().addProperty("ready", bool())
                        .addProperty("loading", new ArraySchema().items(string())
                                .description("While not ready: the models still loading"))
                        .required(List.of("ready")))
                .addSchemas(MODEL_READY, object().addProperty("name", string()).addProperty("ready", bool())
                        .addProperty("state", string()._enum(List.of("loading", "ready", "failed", "unloading",
                                "unloaded")))
                        .required(List.of("name", "ready")))
                .addSchemas(SERVER_METADATA, object().addProperty("name", string()).addProperty("version", string())
                        .addProperty("extensions", new ArraySchema().items(string())
                                .description("The protocol extensions the server supports"))
                        .required(List.of("name", "version", "extensions")))
                .addSchemas(TENSOR_METADATA, object().addProperty("name", string())
                        .addProperty("datatype", SharedSchemas.ref("OipDatatype"))
                        .addProperty("shape", new ArraySchema().items(int64()).description("-1 for a variable dimension"))
                        .required(List.of("name", "datatype", "shape")))
                .addSchemas(MODEL_METADATA, modelMetadata())
                .addSchemas(DURATION, object().addProperty("count", int64()).addProperty("ns", int64())
                        .required(List.of("count", "ns")))
                .addSchemas(STATISTICS, statistics())
                .addSchemas(REPOSITORY_MODEL, object().addProperty("name", string()).addProperty("version", string())
                        .addProperty("state", string()._enum(List.of("READY", "LOADING", "UNLOADING", "UNAVAILABLE")))
                        .addProperty("reason", string().description("Why it is unavailable (unloaded, or why its warm"
                                + " failed)"))
                        .required(List.of("name", "state")))
                .addSchemas(REPOSITORY_INDEX_REQUEST, object().addProperty("ready", bool()
                        .description("List only the models that are ready")))
                .addSchemas(MODEL_CONFIG, modelConfig());
    }

    private static Schema<Object> modelMetadata() {
        return object()
                .description("The Open Inference Protocol's model metadata merged into the DEEPaaS model object,"
                        + " whose fields it keeps")
                .addProperty("name", string())
                .addProperty("versions", new ArraySchema().items(string()))
                .addProperty("platform", string().description("The engine, e.g. pytorch_torchscript or"
                        + " tensorflow_savedmodel"))
                .addProperty("inputs", new ArraySchema().items(SharedSchemas.ref(TENSOR_METADATA)))
                .addProperty("outputs", new ArraySchema().items(SharedSchemas.ref(TENSOR_METADATA)))
                .required(List.of("name", "platform", "inputs", "outputs"))
                .additionalProperties(true);
    }

    private static Schema<Object> statistics() {
        Schema<Object> durations = object()
                .addProperty("success", SharedSchemas.ref(DURATION))
                .addProperty("fail", SharedSchemas.ref(DURATION))
                .addProperty("queue", SharedSchemas.ref(DURATION))
                .addProperty("compute_input", SharedSchemas.ref(DURATION))
                .addProperty("compute_infer", SharedSchemas.ref(DURATION))
                .addProperty("compute_output", SharedSchemas.ref(DURATION))
                .required(List.of("success", "fail", "queue", "compute_infer"));
        Schema<Object> entry = object()
                .addProperty("name", string())
                .addProperty("version", string())
                .addProperty("last_inference", int64().description("Milliseconds since the epoch of the last"
                        + " successful inference, 0 if none"))
                .addProperty("inference_count", int64())
                .addProperty("execution_count", int64())
                .addProperty("inference_stats", durations)
                .required(List.of("name", "version", "last_inference", "inference_count", "execution_count",
                        "inference_stats"));
        return object().addProperty("model_stats", new ArraySchema().items(entry)).required(List.of("model_stats"));
    }

    /** Triton's model configuration: inputs, outputs, batching and instances. */
    private static Schema<Object> modelConfig() {
        Schema<Object> tensor = object()
                .addProperty("name", string())
                .addProperty("data_type", string().description("Triton's type name, e.g. TYPE_FP32"))
                .addProperty("dims", new ArraySchema().items(int64()).description("-1 for a variable dimension"))
                .required(List.of("name", "data_type", "dims"));
        return object()
                .description("Triton's model configuration extension, from the model's declared tensors and lane")
                .addProperty("name", string())
                .addProperty("platform", string())
                .addProperty("max_batch_size", int64().description("0 when the model does not batch"))
                .addProperty("input", new ArraySchema().items(tensor))
                .addProperty("output", new ArraySchema().items(tensor))
                .addProperty("dynamic_batching", object()
                        .addProperty("max_queue_delay_microseconds", int64()))
                .addProperty("instance_group", new ArraySchema().items(object()
                        .addProperty("count", int64().description("The model's workers"))
                        .addProperty("kind", string().description("KIND_CPU or KIND_GPU"))))
                .required(List.of("name"))
                .additionalProperties(true);
    }

    private static Schema<Object> object() {
        return SharedSchemas.object();
    }

    private static Schema<Object> string() {
        return new Schema<Object>().type("string");
    }

    private static Schema<Object> bool() {
        return new Schema<Object>().type("boolean");
    }

    private static Schema<Object> int64() {
        return new Schema<Object>().type("integer").format("int64");
    }
}
