package io.jdeepaas.runtime.http;

import io.javalin.Javalin;
import io.javalin.http.Context;
import io.jdeepaas.runtime.config.BatchSettings;
import io.jdeepaas.runtime.inference.InferenceService;
import io.jdeepaas.runtime.inference.PredictionService;
import io.jdeepaas.runtime.registry.ModelHandle;
import io.jdeepaas.runtime.registry.ModelRegistry;
import io.jdeepaas.spi.Device;
import io.jdeepaas.spi.ModelEntryPoint;
import io.jdeepaas.spi.TensorSpec;
import io.jdeepaas.spi.TensorType;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code GET /v2/models/{name}/config} (and {@code .../versions/{version}/config} for the version
 * it serves), in the shape of Triton's model configuration extension: {@code name},
 * {@code platform}, {@code backend} (the engine, or {@code java}), {@code max_batch_size},
 * {@code input} and {@code output} (Triton's {@code TYPE_*} datatypes, {@code dims}),
 * {@code dynamic_batching} and {@code instance_group} (the model's workers, on its device).
 *
 * <p>As in Triton, a model whose requests are batched ({@code max-batch-size} above 1 on a
 * batchable model) reports that size and its tensors' dims without the batch dimension; any other
 * reports {@code max_batch_size} 0 and the full dims ({@code -1} for a free size).
 */
final class ModelConfigRoutes {

    private final ModelRegistry registry;
    private final PredictionService predictions;
    private final InferenceService inference;

    ModelConfigRoutes(ModelRegistry registry, PredictionService predictions, InferenceService inference) {
        this.registry = registry;
        this.predictions = predictions;
        this.inference = inference;
    }

    void register(Javalin app) {
        app.get("/v2/models/{name}/config", this::config);
        app.get("/v2/models/{name}/versions/{version}/config", this::config);
    }

    private void config(Context ctx) {
        ModelHandle model = ModelVersions.model(registry, ctx);
        ModelEntryPoint module = model.module();
        BatchSettings batching = inference.batching(model);
        boolean batched = batching.enabled();
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("name", model.name());
        config.put("platform", module.platform());
        config.put("backend", module.engine().map(e -> e.toLowerCase(java.util.Locale.ROOT)).orElse("java"));
        config.put("version_policy", Map.of("specific", Map.of("versions", registry.versionIds(model.name()))));
        config.put("max_batch_size", batched ? batching.maxBatchSize() : 0);
        config.put("input", tensors(module.inputs(), batched));
        config.put("output", tensors(module.outputs(), batched));
        if (batched) {
            config.put("dynamic_batching", Map.of("max_queue_delay_microseconds",
                    batching.maxBatchDelay().toNanos() / 1000));
        }
        Device device = model.status().device();
        Map<String, Object> instances = new LinkedHashMap<>();
        instances.put("name", model.name());
        instances.put("kind", device != null && device.isGpu() ? "KIND_GPU" : "KIND_CPU");
        instances.put("count", predictions.limits(model.name()).workers());
        if (device != null && device.isGpu()) {
            instances.put("gpus", List.of(device.index()));
        }
        config.put("instance_group", List.of(instances));
        ctx.json(config);
    }

    private static List<Map<String, Object>> tensors(List<TensorSpec> specs, boolean batched) {
        return specs.stream().map(spec -> {
            long[] shape = spec.shape();
            Map<String, Object> tensor = new LinkedHashMap<>();
            tensor.put("name", spec.name());
            tensor.put("data_type", tritonType(spec.datatype()));
            tensor.put("dims", batched && shape.length > 0 ? Arrays.copyOfRange(shape, 1, shape.length) : shape);
            return tensor;
        }).toList();
    }

    /** @return Triton's name of the datatype: {@code TYPE_FP32}, and {@code TYPE_STRING} for BYTES */
    private static String tritonType(TensorType type) {
        return type == TensorType.BYTES ? "TYPE_STRING" : "TYPE_" + type.name();
    }
}
