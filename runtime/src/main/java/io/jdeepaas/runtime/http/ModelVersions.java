package io.jdeepaas.runtime.http;

import io.javalin.http.Context;
import io.jdeepaas.runtime.errors.NotFoundException;
import io.jdeepaas.runtime.errors.ServiceUnavailableException;
import io.jdeepaas.runtime.registry.ModelHandle;
import io.jdeepaas.runtime.registry.ModelRegistry;
import io.jdeepaas.runtime.registry.ModelState;

/**
 * The model version a request addresses: on the unversioned routes the model's production version,
 * on the protocol's versioned routes ({@code /v2/models/{name}/versions/{version}/...}) the version
 * (or alias) the path names, which is loaded on its first use when it is not the production one.
 */
final class ModelVersions {

    /** The response header that says which version answered a predict or infer request. */
    static final String HEADER = "X-Model-Version";

    private ModelVersions() {
    }

    /**
     * @param registry the served models
     * @param ctx a request on a model route, versioned or not
     * @return the handle serving the model or version the path names (it may be loading)
     * @throws NotFoundException when there is no such model, or it has no such version
     */
    static ModelHandle model(ModelRegistry registry, Context ctx) {
        String version = ctx.pathParamMap().get("version");
        return version == null ? registry.get(ctx.pathParam("name")) : registry.version(ctx.pathParam("name"), version);
    }

    /**
     * @return the handle that answers a predict or infer request: the version the path names, or on
     *     an unversioned path production (or a canary split's version, its share of the time)
     */
    static ModelHandle serving(ModelRegistry registry, Context ctx) {
        String version = ctx.pathParamMap().get("version");
        return version == null ? registry.serving(ctx.pathParam("name")) : registry.version(ctx.pathParam("name"),
                version);
    }

    /**
     * Waits for the model to be ready, as {@link ModelRegistry#ready} does, or for a version other
     * than production: answers 503 with {@code Retry-After} while it loads.
     *
     * @throws ServiceUnavailableException when it cannot serve now
     */
    static void ready(ModelRegistry registry, ModelHandle model) {
        ModelHandle served = registry.get(model.name());
        if (served == model) {
            registry.ready(model.name());
            return;
        }
        ModelHandle.Status status = model.status();
        if (status.state() == ModelState.READY) {
            return;
        }
        if (status.state() == ModelState.FAILED) {
            throw new ServiceUnavailableException("version " + model.version() + " of model '" + model.name()
                    + "' failed to load: " + status.error(), 0);
        }
        throw new ServiceUnavailableException("this version of model '" + model.name() + "' is loading; retry shortly",
                2);
    }
}
