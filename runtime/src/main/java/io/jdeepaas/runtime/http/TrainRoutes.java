package io.jdeepaas.runtime.http;

import io.javalin.Javalin;
import io.javalin.http.Context;
import io.jdeepaas.runtime.args.ArgumentParser;
import io.jdeepaas.runtime.args.RawArguments;
import io.jdeepaas.runtime.args.UploadArea;
import io.jdeepaas.runtime.args.UploadFolders;
import io.jdeepaas.runtime.errors.BadRequestException;
import io.jdeepaas.runtime.registry.ModelHandle;
import io.jdeepaas.runtime.registry.ModelRegistry;
import io.jdeepaas.runtime.training.ExperimentService;
import io.jdeepaas.runtime.training.TrainingFilter;
import io.jdeepaas.runtime.training.TrainingService;
import io.jdeepaas.runtime.training.TrainingStatus;
import io.jdeepaas.runtime.training.TrainingViewer;
import java.util.Map;

/**
 * A model's trainings: {@code POST} and {@code GET /v2/models/{name}/train/} (start; list, filtered
 * by {@code experiment} and {@code status}), {@code GET} and {@code DELETE
 * /v2/models/{name}/train/{uuid}} (one record; cancel, or with {@code purge=true} remove an ended
 * one) and {@code POST /v2/models/{name}/train/{uuid}/retry}. What a training produced (metrics,
 * logs, events, artifacts) is served by {@link TrainingOutputRoutes}.
 */
final class TrainRoutes {

    /** The reserved train argument that files a training under an experiment; never given to the module. */
    static final String EXPERIMENT = "experiment";

    private final ModelRegistry registry;
    private final RequestReader reader;
    private final ArgumentParser parser;
    private final TrainingService trainings;
    private final UploadFolders uploads;

    TrainRoutes(ModelRegistry registry, RequestReader reader, ArgumentParser parser, TrainingService trainings,
                UploadFolders uploads) {
        this.registry = registry;
        this.reader = reader;
        this.parser = parser;
        this.trainings = trainings;
        this.uploads = uploads;
    }

    void register(Javalin app) {
        app.post("/v2/models/{name}/train/", this::start);
        app.get("/v2/models/{name}/train/", this::list);
        app.get("/v2/models/{name}/train/{uuid}", ctx ->
                ctx.json(trainings.get(trainable(ctx, registry).name(), ctx.pathParam("uuid"), AccessFilter.viewer(ctx))));
        app.delete("/v2/models/{name}/train/{uuid}", this::delete);
        app.post("/v2/models/{name}/train/{uuid}/retry", ctx -> {
            ModelHandle model = trainable(ctx, registry);
            registry.ready(model.name());
            var retried = trainings.retry(model, ctx.pathParam("uuid"), AccessFilter.viewer(ctx));
            ctx.attribute(AuditRoutes.TRAINING, retried.uuid());
            ctx.attribute(AuditRoutes.DETAIL, "retry of " + ctx.pathParam("uuid"));
            ctx.json(retried);
        });
        Redirects.permanent(app, "/v2/models/{name}/train", true);
        Redirects.permanent(app, "/v2/models/{name}/train/{uuid}/", false);
        Redirects.permanent(app, "/v2/models/{name}/train/{uuid}/retry/", false);
    }

    /** @return the named model, which must implement training */
    static ModelHandle trainable(Context ctx, ModelRegistry registry) {
        ModelHandle model = registry.get(ctx.pathParam("name"));
        if (!model.wrapper().trains()) {
            throw model.wrapper().notTrainable();
        }
        return model;
    }

    private void start(Context ctx) {
        ModelHandle model = trainable(ctx, registry);
        registry.ready(model.name());
        try (UploadArea area = uploads.newArea()) {
            RawArguments raw = reader.read(ctx, area);
            String experiment = ExperimentService.checkName(raw.take(EXPERIMENT));
            Map<String, Object> values = parser.parse(model.module().trainArguments(), raw);
            var record = trainings.submit(model, values, experiment, AccessFilter.identity(ctx).owner());
            ctx.attribute(AuditRoutes.TRAINING, record.uuid());
            ctx.json(record);
        }
    }

    private void list(Context ctx) {
        String model = trainable(ctx, registry).name();
        String status = ctx.queryParam("status");
        ctx.json(trainings.list(new TrainingFilter(model, emptyToNull(ctx.queryParam(EXPERIMENT)), status(status), null),
                AccessFilter.viewer(ctx)));
    }

    private void delete(Context ctx) throws InterruptedException {
        String model = trainable(ctx, registry).name();
        String uuid = ctx.pathParam("uuid");
        String purge = ctx.queryParam("purge");
        if (purge != null && !purge.equals("true") && !purge.equals("false")) {
            throw new BadRequestException("purge must be true or false, got '" + purge + "'");
        }
        TrainingViewer viewer = AccessFilter.viewer(ctx);
        ctx.json("true".equals(purge) ? trainings.purge(model, uuid, viewer) : trainings.cancel(model, uuid, viewer));
    }

    private static TrainingStatus status(String value) {
        if (value == null || value.isEmpty()) {
            return null;
        }
        try {
            return TrainingStatus.of(value);
        } catch (IllegalArgumentException e) {
            throw new BadRequestException("status must be one of queued, running, cancelling, done, error,"
                    + " cancelled, interrupted; got '" + value + "'");
        }
    }

    private static String emptyToNull(String value) {
        return value == null || value.isEmpty() ? null : value;
    }
}
