package io.jdeepaas.runtime.http;

import io.javalin.Javalin;
import io.jdeepaas.runtime.registry.ModelHandle;
import io.jdeepaas.runtime.registry.ModelRegistry;
import java.util.Map;

/**
 * {@code GET /v2/models/}, {@code GET /v2/models/{name}/} and the Open Inference Protocol's model
 * metadata {@code GET /v2/models/{name}} (the model object with {@code platform}, {@code versions},
 * {@code inputs} and {@code outputs} added), also at {@code /v2/models/{name}/versions/{version}}
 * for the version it serves ({@link ModelVersions}).
 */
final class ModelsRoutes {

    private final ModelRegistry registry;
    private final ModelObjects objects;
    private final java.util.function.BiFunction<String, String, Map<String, Object>> lineage;

    /**
     * @param lineage what the versioned metadata adds about a version (its record), by model and
     *     version; an empty map when versions are not kept
     */
    ModelsRoutes(ModelRegistry registry, ModelObjects objects,
                 java.util.function.BiFunction<String, String, Map<String, Object>> lineage) {
        this.registry = registry;
        this.objects = objects;
        this.lineage = lineage;
    }

    void register(Javalin app) {
        app.get("/v2/models/", ctx -> ctx.json(Map.of("models", registry.all().stream().map(objects::of).toList())));
        app.get("/v2/models/{name}/", ctx -> ctx.json(objects.of(registry.get(ctx.pathParam("name")))));
        // the Open Inference Protocol's model metadata lives at the slash-less spelling
        app.get("/v2/models/{name}", ctx -> ctx.json(objects.withTensors(registry.get(ctx.pathParam("name")))));
        app.get("/v2/models/{name}/versions/{version}", ctx -> {
            ModelHandle model = ModelVersions.model(registry, ctx);
            Map<String, Object> object = objects.withTensors(model);
            object.put("state", model.status().state());
            object.putAll(lineage.apply(model.name(), ctx.pathParam("version")));
            ctx.json(object);
        });
        Redirects.permanent(app, "/v2/models", true);
    }
}
