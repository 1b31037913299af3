package io.jdeepaas.runtime.http;

import io.javalin.Javalin;
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

    ModelsRoutes(ModelRegistry registry, ModelObjects objects) {
        this.registry = registry;
        this.objects = objects;
    }

    void register(Javalin app) {
        app.get("/v2/models/", ctx -> ctx.json(Map.of("models", registry.all().stream().map(objects::of).toList())));
        app.get("/v2/models/{name}/", ctx -> ctx.json(objects.of(registry.get(ctx.pathParam("name")))));
        // the Open Inference Protocol's model metadata lives at the slash-less spelling
        app.get("/v2/models/{name}", ctx -> ctx.json(objects.withTensors(registry.get(ctx.pathParam("name")))));
        app.get("/v2/models/{name}/versions/{version}",
                ctx -> ctx.json(objects.withTensors(ModelVersions.model(registry, ctx))));
        Redirects.permanent(app, "/v2/models", true);
    }
}
