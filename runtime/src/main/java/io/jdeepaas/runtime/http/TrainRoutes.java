package io.jdeepaas.runtime.http;

import io.javalin.Javalin;
import io.javalin.http.Context;
import io.jdeepaas.runtime.args.ArgumentParser;
import io.jdeepaas.runtime.args.RawArguments;
import io.jdeepaas.runtime.args.UploadArea;
import io.jdeepaas.runtime.registry.ModelHandle;
import io.jdeepaas.runtime.registry.ModelRegistry;
import io.jdeepaas.runtime.training.TrainingRecord;
import io.jdeepaas.runtime.training.TrainingService;
import io.jdeepaas.spi.TrainRequest;
import io.jdeepaas.spi.UploadedFile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Trainings: {@code POST} and {@code GET /v2/models/{name}/train/}, {@code GET} and {@code DELETE
 * /v2/models/{name}/train/{uuid}}.
 */
final class TrainRoutes {

    private final ModelRegistry registry;
    private final RequestReader reader;
    private final ArgumentParser parser;
    private final TrainingService trainings;
    private final Path uploads;

    TrainRoutes(ModelRegistry registry, RequestReader reader, ArgumentParser parser, TrainingService trainings,
                Path uploads) {
        this.registry = registry;
        this.reader = reader;
        this.parser = parser;
        this.trainings = trainings;
        this.uploads = uploads;
    }

    void register(Javalin app) {
        app.post("/v2/models/{name}/train/", this::start);
        app.get("/v2/models/{name}/train/", ctx -> ctx.json(trainings.list(trainable(ctx).name())));
        app.get("/v2/models/{name}/train/{uuid}", ctx ->
                ctx.json(trainings.get(trainable(ctx).name(), ctx.pathParam("uuid"))));
        app.delete("/v2/models/{name}/train/{uuid}", ctx ->
                ctx.json(trainings.cancel(trainable(ctx).name(), ctx.pathParam("uuid"))));
        Redirects.permanent(app, "/v2/models/{name}/train", true);
        Redirects.permanent(app, "/v2/models/{name}/train/{uuid}/", false);
    }

    private ModelHandle trainable(Context ctx) {
        ModelHandle model = registry.get(ctx.pathParam("name"));
        if (!model.wrapper().trains()) {
            throw model.wrapper().notTrainable();
        }
        return model;
    }

    private void start(Context ctx) {
        ModelHandle model = trainable(ctx);
        registry.ready(model.name());
        try (UploadArea area = UploadArea.create(uploads)) {
            RawArguments raw = reader.read(ctx, area);
            Map<String, Object> values = parser.parse(model.module().trainArguments(), raw);
            String uuid = TrainingService.newId();
            Map<String, Object> kept = keepUploads(values, trainings.store().inputDir(model.name(), uuid));
            TrainingRecord record = trainings.start(model, new TrainRequest(kept), shown(kept), uuid);
            ctx.json(record);
        }
    }

    /** Copies uploaded files into the training's own folder, since uploads end with the request. */
    private static Map<String, Object> keepUploads(Map<String, Object> values, Path inputs) {
        Map<String, Object> kept = new LinkedHashMap<>();
        values.forEach((name, value) -> {
            if (value instanceof UploadedFile file) {
                try {
                    Path copy = Files.copy(file.path(), inputs.resolve(name));
                    kept.put(name, new UploadedFile(file.originalName(), file.contentType(), copy, file.size()));
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot keep the uploaded file '" + name + "'", e);
                }
            } else {
                kept.put(name, value);
            }
        });
        return kept;
    }

    private static Map<String, Object> shown(Map<String, Object> values) {
        Map<String, Object> shown = new LinkedHashMap<>();
        values.forEach((name, value) -> {
            if (value instanceof UploadedFile file) {
                shown.put(name, Map.of("name", file.originalName(), "size", file.size()));
            } else if (value instanceof URI uri) {
                shown.put(name, uri.toString());
            } else {
                shown.put(name, value);
            }
        });
        return shown;
    }
}
