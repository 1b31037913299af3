package io.jdeepaas.runtime.http;

import io.javalin.Javalin;
import io.jdeepaas.runtime.errors.NotImplementedException;
import io.jdeepaas.runtime.registry.ModelRegistry;

/** {@code POST /v2/models/{name}/infer}, the Open Inference Protocol's tensor inference. */
final class InferRoutes {

    private final ModelRegistry registry;

    InferRoutes(ModelRegistry registry) {
        this.registry = registry;
    }

    void register(Javalin app) {
        app.post("/v2/models/{name}/infer", ctx -> {
            String name = registry.get(ctx.pathParam("name")).name();
            throw new NotImplementedException("model '" + name + "' does not implement tensor inference; "
                    + "use POST /v2/models/" + name + "/predict/");
        });
    }
}
