package io.jdeepaas.runtime.http;

import io.javalin.http.Context;
import io.jdeepaas.runtime.errors.NotFoundException;
import io.jdeepaas.runtime.registry.ModelHandle;
import io.jdeepaas.runtime.registry.ModelRegistry;
import io.jdeepaas.spi.ModelEntryPoint;

/**
 * The one version each model serves until models have versions of their own: the version its
 * metadata declares, or {@code "1"} when it declares none (the first version, as Triton numbers
 * them). The protocol's versioned routes ({@code /v2/models/{name}/versions/{version}/...})
 * answer for that version and 404 for any other.
 */
final class ModelVersions {

    /** The version of a model whose metadata declares none. */
    static final String DEFAULT = "1";

    private ModelVersions() {
    }

    /** @return the version the module serves */
    static String served(ModelEntryPoint module) {
        String version = module.metadata().version();
        return version == null || version.isBlank() ? DEFAULT : version;
    }

    /**
     * @param registry the served models
     * @param ctx a request on a model route, versioned or not
     * @return the model named by the path
     * @throws NotFoundException when there is no such model, or the path names a version it does not serve
     */
    static ModelHandle model(ModelRegistry registry, Context ctx) {
        ModelHandle model = registry.get(ctx.pathParam("name"));
        String version = ctx.pathParamMap().get("version");
        if (version != null && !version.equals(served(model.module()))) {
            throw new NotFoundException("model '" + model.name() + "' has no version '" + version + "'; it serves "
                    + "version '" + served(model.module()) + "'");
        }
        return model;
    }
}
