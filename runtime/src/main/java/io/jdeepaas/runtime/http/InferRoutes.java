package io.jdeepaas.runtime.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.jdeepaas.runtime.errors.BadRequestException;
import io.jdeepaas.runtime.errors.UnsupportedMediaTypeException;
import io.jdeepaas.runtime.inference.InferenceService;
import io.jdeepaas.runtime.inference.PendingPrediction;
import io.jdeepaas.runtime.oip.InferChecks;
import io.jdeepaas.runtime.oip.InferRequest;
import io.jdeepaas.runtime.oip.InferResponse;
import io.jdeepaas.runtime.oip.OipJson;
import io.jdeepaas.runtime.registry.ModelHandle;
import io.jdeepaas.runtime.registry.ModelRegistry;
import io.jdeepaas.spi.ModelEntryPoint;
import io.jdeepaas.spi.Tensor;
import java.util.List;

/**
 * {@code POST /v2/models/{name}/infer}, the Open Inference Protocol's tensor inference: read the
 * request, check it against the model's declared tensors, queue the inference (batched when the
 * model allows) and answer the outputs asked for asynchronously when it ends, as predict does. A
 * client that disconnects meanwhile cancels its inference: its rows are left out of any batch not
 * yet started.
 */
final class InferRoutes {

    private final ModelRegistry registry;
    private final InferenceService inference;
    private final ObjectReader reader;
    private final DisconnectWatch disconnects;

    InferRoutes(ModelRegistry registry, InferenceService inference, ObjectMapper json, DisconnectWatch disconnects) {
        this.registry = registry;
        this.inference = inference;
        this.reader = OipJson.requests(json);
        this.disconnects = disconnects;
    }

    void register(Javalin app) {
        app.post("/v2/models/{name}/infer", this::infer);
    }

    private void infer(Context ctx) {
        ModelHandle model = registry.get(ctx.pathParam("name"));
        if (!model.wrapper().infers()) {
            throw model.wrapper().notInferring();
        }
        registry.ready(model.name());
        ModelEntryPoint module = model.module();
        InferRequest request = read(ctx);
        List<Tensor> inputs = InferChecks.inputs(request, model.name(), module.inputs());
        InferChecks.requestedOutputs(request, model.name(), module.outputs());
        PendingPrediction<List<Tensor>> pending = inference.inferAsync(model, inputs);
        AsyncAnswer.when(ctx, pending, disconnects, result -> {
            List<Tensor> outputs = InferChecks.select(result, request, model.name());
            ctx.json(new InferResponse(model.name(), module.metadata().version(), request.id(), null,
                    outputs.stream().map(InferResponse.Output::of).toList()));
        });
    }

    private InferRequest read(Context ctx) {
        if (ctx.header("Inference-Header-Content-Length") != null) {
            throw new BadRequestException("the binary tensor data extension is not supported; send the tensors as JSON");
        }
        String type = RequestReader.mediaType(ctx.contentType());
        if (!type.isEmpty() && !type.equals("application/json")) { // OIP clients (tritonclient) send none
            throw new UnsupportedMediaTypeException("Content-Type " + type + " is not accepted; send the inference"
                    + " request as application/json");
        }
        InferRequest request = BodyReader.json(ctx, reader, "a valid inference request");
        if (request == null) {
            throw new BadRequestException("the request has no body; send an inference request as JSON");
        }
        return request;
    }
}
