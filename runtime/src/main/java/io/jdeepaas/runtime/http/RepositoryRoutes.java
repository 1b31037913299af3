package io.jdeepaas.runtime.http;

import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.jdeepaas.runtime.errors.ApiException;
import io.jdeepaas.runtime.errors.BadRequestException;
import io.jdeepaas.runtime.errors.ModuleFailureException;
import io.jdeepaas.runtime.registry.ModelHandle;
import io.jdeepaas.runtime.registry.ModelLoader;
import io.jdeepaas.runtime.registry.ModelRegistry;
import io.jdeepaas.runtime.registry.ModelState;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;

/**
 * Triton's model repository extension: {@code POST /v2/repository/index} lists the models with their
 * state, {@code POST /v2/repository/models/{name}/load} loads a model (or reloads a loaded one) and
 * answers once it is ready, {@code POST /v2/repository/models/{name}/unload} drains and closes it.
 */
final class RepositoryRoutes {

    private final ModelRegistry registry;
    private final ModelLoader loader;
    private final com.fasterxml.jackson.databind.ObjectMapper json;

    RepositoryRoutes(ModelRegistry registry, ModelLoader loader, com.fasterxml.jackson.databind.ObjectMapper json) {
        this.registry = registry;
        this.loader = loader;
        this.json = json;
    }

    void register(Javalin app) {
        app.post("/v2/repository/index", this::index);
        app.post("/v2/repository/models/{name}/load", this::load);
        app.post("/v2/repository/models/{name}/unload", this::unload);
    }

    /** Body (optional): {@code {"ready": true}} to list only ready models. */
    private void index(Context ctx) {
        JsonNode body = BodyReader.json(ctx, json.readerFor(JsonNode.class), "a JSON object such as {\"ready\": true}");
        if (body != null && !body.isObject()) {
            throw new BadRequestException("the body must be a JSON object such as {\"ready\": true}");
        }
        boolean onlyReady = body != null && body.path("ready").asBoolean(false);
        List<Map<String, Object>> models = registry.all().stream().filter(m -> !onlyReady || m.isReady())
                .map(RepositoryRoutes::entry).toList();
        ctx.json(models);
    }

    private void load(Context ctx) throws InterruptedException {
        ModelHandle model = registry.get(ctx.pathParam("name"));
        ModelHandle.Status status;
        try {
            status = loader.load(model).get();
        } catch (ExecutionException e) {
            throw e.getCause() instanceof ApiException api ? api
                    : new ModuleFailureException("model '" + model.name() + "' failed to load: "
                    + e.getCause().getMessage(), e.getCause());
        }
        if (status.state() == ModelState.FAILED) {
            throw new ModuleFailureException("model '" + model.name() + "' failed to load: " + status.error(), null);
        }
        ctx.json(entry(model, status));
    }

    private void unload(Context ctx) throws InterruptedException {
        ModelHandle model = registry.get(ctx.pathParam("name"));
        ctx.json(entry(model, loader.unload(model)));
    }

    private static Map<String, Object> entry(ModelHandle model) {
        return entry(model, model.status());
    }

    /**
     * @param status the state to show: the model's now, or the one a load or unload ended with
     * @return one model as Triton's index lists it: name, version, state (upper case) and reason
     */
    private static Map<String, Object> entry(ModelHandle model, ModelHandle.Status status) {
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("name", model.name());
        entry.put("version", model.version());
        entry.put("state", switch (status.state()) {
            case READY -> "READY";
            case LOADING -> "LOADING";
            case UNLOADING -> "UNLOADING";
            case FAILED, UNLOADED -> "UNAVAILABLE";
        });
        if (status.state() == ModelState.FAILED) {
            entry.put("reason", status.error());
        } else if (status.state() == ModelState.UNLOADED) {
            entry.put("reason", "unloaded");
        }
        return entry;
    }
}
