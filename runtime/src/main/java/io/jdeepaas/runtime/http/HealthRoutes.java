package io.jdeepaas.runtime.http;

import io.javalin.Javalin;
import io.javalin.http.Context;
import io.jdeepaas.runtime.registry.ModelHandle;
import io.jdeepaas.runtime.registry.ModelLoader;
import io.jdeepaas.runtime.registry.ModelRegistry;
import io.jdeepaas.runtime.registry.ModelState;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Health and server metadata of the Open Inference Protocol: {@code GET /v2/health/live},
 * {@code /v2/health/ready}, {@code /v2/models/{name}/ready} (also at
 * {@code /v2/models/{name}/versions/{version}/ready} for the version it serves) and {@code GET /v2},
 * whose {@code extensions} list what this server answers of the protocol's extensions.
 */
final class HealthRoutes {

    /** The extensions of the protocol (Triton's names) and of this server that work. */
    static final List<String> EXTENSIONS = List.of("binary_tensor_data", "classification", "model_configuration",
            "model_repository", "statistics", "deepaas_v2");

    private final ModelRegistry registry;
    private final ModelLoader loader;
    private final String version;

    HealthRoutes(ModelRegistry registry, ModelLoader loader, String version) {
        this.registry = registry;
        this.loader = loader;
        this.version = version;
    }

    void register(Javalin app) {
        app.get("/v2/health/live", ctx -> ctx.json(Map.of("live", true)));
        app.get("/v2/health/ready", this::serverReady);
        app.get("/v2/models/{name}/ready", this::modelReady);
        app.get("/v2/models/{name}/versions/{version}/ready", this::modelReady);
        app.get("/v2", ctx -> ctx.json(Map.of("name", "jdeepaas", "version", version, "extensions", EXTENSIONS)));
    }

    /**
     * Ready once the start-up warming has ended; a model that failed to load does not hold the server
     * back, and a later reload, lazy load or unload of one model does not take the server out of service.
     */
    private void serverReady(Context ctx) {
        List<String> loading = registry.all().stream().filter(m -> m.status().state() == ModelState.LOADING)
                .map(ModelHandle::name).toList();
        Map<String, Object> body = new LinkedHashMap<>();
        boolean ready = loader.startupDone();
        body.put("ready", ready);
        if (!ready) {
            body.put("loading", loading);
        }
        ctx.status(ready ? 200 : 503).json(body);
    }

    private void modelReady(Context ctx) {
        ModelHandle model = ModelVersions.model(registry, ctx);
        ModelHandle.Status status = model.status();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", model.name());
        body.put("ready", status.state() == ModelState.READY);
        body.put("state", status.state());
        ctx.status(status.state() == ModelState.READY ? 200 : 503).json(body);
    }
}
