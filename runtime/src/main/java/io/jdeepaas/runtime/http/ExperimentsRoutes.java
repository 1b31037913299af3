package io.jdeepaas.runtime.http;

import io.javalin.Javalin;
import io.jdeepaas.runtime.training.ExperimentService;
import java.util.Map;

/**
 * Experiments: {@code GET /v2/experiments/} (each with its counts by status) and {@code GET
 * /v2/experiments/{experiment}} (every run's model, uuid, status, arguments and final metrics side
 * by side).
 */
final class ExperimentsRoutes {

    private final ExperimentService experiments;

    ExperimentsRoutes(ExperimentService experiments) {
        this.experiments = experiments;
    }

    void register(Javalin app) {
        app.get("/v2/experiments/", ctx -> ctx.json(Map.of("experiments", experiments.list(AccessFilter.viewer(ctx)))));
        app.get("/v2/experiments/{experiment}", ctx -> ctx.json(experiments.compare(ctx.pathParam("experiment"), AccessFilter.viewer(ctx))));
        Redirects.permanent(app, "/v2/experiments", true);
        Redirects.permanent(app, "/v2/experiments/{experiment}/", false);
    }
}
