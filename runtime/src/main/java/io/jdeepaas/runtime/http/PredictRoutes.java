package io.jdeepaas.runtime.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.jdeepaas.runtime.args.ArgumentParser;
import io.jdeepaas.runtime.args.RawArguments;
import io.jdeepaas.runtime.args.UploadArea;
import io.jdeepaas.runtime.args.UploadFolders;
import io.jdeepaas.runtime.errors.ModuleFailureException;
import io.jdeepaas.runtime.errors.NotImplementedException;
import io.jdeepaas.runtime.inference.PendingPrediction;
import io.jdeepaas.runtime.inference.PredictionService;
import io.jdeepaas.runtime.registry.ModelHandle;
import io.jdeepaas.runtime.registry.ModelRegistry;
import io.jdeepaas.spi.BinaryResult;
import io.jdeepaas.spi.PredictRequest;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code POST /v2/models/{name}/predict/}: parse the arguments, negotiate the answer's type, queue the
 * prediction and answer asynchronously when it ends (the request's thread is not held while it
 * waits). A client that disconnects meanwhile cancels its prediction.
 */
final class PredictRoutes {

    private final ModelRegistry registry;
    private final RequestReader reader;
    private final ArgumentParser parser;
    private final PredictionService predictions;
    private final UploadFolders uploads;
    private final DisconnectWatch disconnects;
    private final ObjectMapper json;

    PredictRoutes(ModelRegistry registry, RequestReader reader, ArgumentParser parser, PredictionService predictions,
                  UploadFolders uploads, DisconnectWatch disconnects, ObjectMapper json) {
        this.json = json;
        this.registry = registry;
        this.reader = reader;
        this.parser = parser;
        this.predictions = predictions;
        this.uploads = uploads;
        this.disconnects = disconnects;
    }

    void register(Javalin app) {
        app.post("/v2/models/{name}/predict/", this::predict);
        app.post("/v2/models/{name}/versions/{version}/predict/", this::predict);
        Redirects.permanent(app, "/v2/models/{name}/versions/{version}/predict", true);
        Redirects.permanent(app, "/v2/models/{name}/predict", true);
    }

    private void predict(Context ctx) {
        ModelHandle model = ModelVersions.serving(registry, ctx);
        if (!model.wrapper().predicts()) {
            throw new NotImplementedException("model '" + model.name() + "' does not implement predict");
        }
        ModelVersions.ready(registry, model);
        UploadArea area = uploads.newArea();
        boolean handedOver = false;
        try {
            RawArguments raw = reader.read(ctx, area);
            String accept = raw.take("accept");
            String type = ContentNegotiation.choose(model.module().responseTypes(), accept, ctx.header("Accept"));
            PredictRequest request = new PredictRequest(parser.parse(model.module().predictArguments(), raw), type);
            handedOver = true;
            PendingPrediction<Object> pending = predictions.predictAsync(model, request, area::close);
            AsyncAnswer.when(ctx, pending, disconnects, result -> {
                ctx.header(ModelVersions.HEADER, pending.version() == null ? model.version() : pending.version());
                write(ctx, model, type, result);
            });
        } finally {
            if (!handedOver) {
                area.close();
            }
        }
    }

    private void write(Context ctx, ModelHandle model, String type, Object result) {
        if (result instanceof BinaryResult binary) {
            ctx.contentType(binary.mediaType());
            if (binary.fileName() != null) {
                ctx.header("Content-Disposition", "attachment; filename=\"" + binary.fileName().replace("\"", "") + "\"");
            }
            ctx.result(binary.body());
            return;
        }
        if (!type.equals("application/json") && !type.endsWith("+json")) {
            throw new ModuleFailureException("model '" + model.name() + "' returned a JSON value although "
                    + type + " was asked for", null);
        }
        if (model.module().responseSchema().isPresent()) {
            JsonAnswer.send(ctx, json, result);
            return;
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", "OK");
        body.put("predictions", result);
        JsonAnswer.send(ctx, json, body);
    }
}
