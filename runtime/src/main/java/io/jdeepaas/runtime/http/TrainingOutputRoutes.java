package io.jdeepaas.runtime.http;

import io.javalin.Javalin;
import io.javalin.http.Context;
import io.jdeepaas.runtime.registry.ModelRegistry;
import io.jdeepaas.runtime.training.Artifacts;
import io.jdeepaas.runtime.training.LogLine;
import io.jdeepaas.runtime.training.TrainingService;
import java.io.IOException;
import java.io.InputStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * What a training produced: {@code GET /v2/models/{name}/train/{uuid}/metrics} (the full series),
 * {@code .../logs} (JSON, or plain text when asked with {@code Accept: text/plain}), {@code
 * .../events} (a Server-Sent Events stream, see {@link TrainingEventStream}), {@code .../artifacts/}
 * (the output files with size and SHA-256) and {@code .../artifacts/{path}} (one file).
 */
final class TrainingOutputRoutes {

    private static final String BASE = "/v2/models/{name}/train/{uuid}";

    private final ModelRegistry registry;
    private final TrainingService trainings;
    private final EventStreams streams;

    TrainingOutputRoutes(ModelRegistry registry, TrainingService trainings, EventStreams streams) {
        this.registry = registry;
        this.trainings = trainings;
        this.streams = streams;
    }

    void register(Javalin app) {
        app.get(BASE + "/metrics", ctx -> ctx.json(trainings.metrics(model(ctx), uuid(ctx), AccessFilter.viewer(ctx))));
        app.get(BASE + "/logs", this::logs);
        app.get(BASE + "/events", this::events);
        app.get(BASE + "/artifacts/", ctx -> {
            Map<String, Object> listing = new LinkedHashMap<>();
            listing.put("uuid", uuid(ctx));
            listing.put("artifacts", trainings.artifacts(model(ctx), uuid(ctx), AccessFilter.viewer(ctx)));
            ctx.json(listing);
        });
        app.get(BASE + "/artifacts/<path>", this::artifact);
        Redirects.permanent(app, BASE + "/artifacts", true);
        for (String leaf : new String[] {"metrics", "logs", "events"}) {
            Redirects.permanent(app, BASE + "/" + leaf + "/", false);
        }
    }

    private String model(Context ctx) {
        return TrainRoutes.trainable(ctx, registry).name();
    }

    private static String uuid(Context ctx) {
        return ctx.pathParam("uuid");
    }

    private void events(Context ctx) {
        String uuid = trainings.get(model(ctx), uuid(ctx), AccessFilter.viewer(ctx)).uuid();
        TrainingEventStream.open(ctx, uuid, trainings.feed(), streams);
    }

    private void logs(Context ctx) {
        TrainingService.Logs logs = trainings.logs(model(ctx), uuid(ctx), AccessFilter.viewer(ctx));
        String accept = ctx.header("Accept");
        if (accept != null && accept.contains("text/plain") && !accept.contains("application/json")) {
            ctx.contentType("text/plain; charset=utf-8")
                    .result(logs.lines().stream().map(LogLine::line).map(l -> l + "\n").collect(Collectors.joining()));
        } else {
            ctx.json(logs);
        }
    }

    private void artifact(Context ctx) throws IOException {
        Path file = trainings.artifact(model(ctx), uuid(ctx), ctx.pathParam("path"), AccessFilter.viewer(ctx));
        String name = file.getFileName().toString();
        String ascii = name.replaceAll("[^A-Za-z0-9._-]", "_");
        ctx.contentType(Artifacts.contentType(file));
        ctx.header("Content-Disposition", "attachment; filename=\"" + ascii + "\"; filename*=UTF-8''"
                + URLEncoder.encode(name, StandardCharsets.UTF_8).replace("+", "%20"));
        InputStream in = Files.newInputStream(file);
        ctx.result(in);
    }
}
