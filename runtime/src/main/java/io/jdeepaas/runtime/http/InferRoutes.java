package io.jdeepaas.runtime.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.jdeepaas.runtime.errors.BadRequestException;
import io.jdeepaas.runtime.errors.UnsupportedMediaTypeException;
import io.jdeepaas.runtime.inference.InferenceService;
import io.jdeepaas.runtime.inference.PendingPrediction;
import io.jdeepaas.runtime.oip.BinaryTensorCodec;
import io.jdeepaas.runtime.oip.InferAnswer;
import io.jdeepaas.runtime.oip.InferChecks;
import io.jdeepaas.runtime.oip.InferRequest;
import io.jdeepaas.runtime.oip.OipJson;
import io.jdeepaas.runtime.registry.ModelHandle;
import io.jdeepaas.runtime.registry.ModelRegistry;
import io.jdeepaas.spi.ModelEntryPoint;
import io.jdeepaas.spi.Tensor;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * {@code POST /v2/models/{name}/infer} (and {@code /v2/models/{name}/versions/{version}/infer} for
 * the version it serves), the Open Inference Protocol's tensor inference: read the request (JSON,
 * or a JSON header and binary tensor data, see {@link BinaryTensorCodec}), check it against the
 * model's declared tensors, queue the inference (batched when the model allows) and answer the
 * outputs asked for asynchronously when it ends, as predict does: classified when asked, as binary
 * data when asked. A client that disconnects meanwhile cancels its inference: its rows are left
 * out of any batch not yet started.
 */
final class InferRoutes {

    private final ModelRegistry registry;
    private final InferenceService inference;
    private final ObjectMapper json;
    private final ObjectReader reader;
    private final DisconnectWatch disconnects;

    InferRoutes(ModelRegistry registry, InferenceService inference, ObjectMapper json, DisconnectWatch disconnects) {
        this.registry = registry;
        this.inference = inference;
        this.json = json;
        this.reader = OipJson.requests(json);
        this.disconnects = disconnects;
    }

    void register(Javalin app) {
        app.post("/v2/models/{name}/infer", this::infer);
        app.post("/v2/models/{name}/versions/{version}/infer", this::infer);
    }

    private void infer(Context ctx) {
        ModelHandle model = ModelVersions.serving(registry, ctx);
        if (!model.wrapper().infers()) {
            throw model.wrapper().notInferring();
        }
        ModelVersions.ready(registry, model);
        ModelEntryPoint module = model.module();
        String headerLength = ctx.header(BinaryTensorCodec.HEADER);
        String type = RequestReader.mediaType(ctx.contentType());
        if (headerLength == null && !type.isEmpty() && !type.equals("application/json")) {
            // OIP clients (tritonclient) send no Content-Type for JSON; binary data may come with any
            throw new UnsupportedMediaTypeException("Content-Type " + type + " is not accepted; send the inference"
                    + " request as application/json, or binary tensor data with " + BinaryTensorCodec.HEADER);
        }
        InputStream body = BodyReader.open(ctx);
        InferRequest request;
        List<Tensor> inputs;
        if (headerLength == null) {
            request = parse(readAll(body));
            inputs = InferChecks.inputs(request, model.name(), module.inputs());
        } else {
            request = parse(BinaryTensorCodec.header(body, BinaryTensorCodec.headerLength(headerLength)));
            inputs = InferChecks.inputs(request, body, model.name(), module.inputs());
        }
        InferChecks.requestedOutputs(request, model.name(), module.outputs());
        PendingPrediction<List<Tensor>> pending = inference.inferAsync(model, inputs);
        AsyncAnswer.when(ctx, pending, disconnects, result -> answer(ctx, model, pending.version(), request, result));
    }

    /** Answers the outputs asked for: JSON, or the JSON header then the binary outputs' raw data. */
    private void answer(Context ctx, ModelHandle model, String version, InferRequest request, List<Tensor> result) {
        ModelEntryPoint module = model.module();
        List<Tensor> outputs = InferChecks.select(result, request, model.name());
        String answered = version == null ? model.version() : version;
        ctx.header(ModelVersions.HEADER, answered);
        InferAnswer answer = InferAnswer.of(model.name(), answered, request, outputs,
                module.outputs());
        if (!answer.hasBinary()) {
            JsonAnswer.send(ctx, json, answer.response());
            return;
        }
        byte[] header = JsonAnswer.bytes(json, answer.response());
        List<InputStream> parts = new ArrayList<>();
        parts.add(new ByteArrayInputStream(header));
        answer.binary().forEach(raw -> parts.add(new ByteArrayInputStream(raw)));
        ctx.contentType(BinaryTensorCodec.MEDIA_TYPE);
        ctx.header(BinaryTensorCodec.HEADER, String.valueOf(header.length));
        ctx.result(new SequenceInputStream(Collections.enumeration(parts)));
    }

    private InferRequest parse(byte[] body) {
        if (body.length == 0) {
            throw new BadRequestException("the request has no body; send an inference request as JSON");
        }
        try { // strict UTF-8: an invalid or overlong sequence is refused, never decoded to something else
            StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(body));
        } catch (CharacterCodingException e) {
            throw new BadRequestException("the body is not valid UTF-8 (an invalid or overlong byte sequence);"
                    + " send JSON encoded as UTF-8");
        }
        try {
            InferRequest request = reader.readValue(body);
            if (request == null) {
                throw new BadRequestException("the body is null; send an inference request as JSON");
            }
            return request;
        } catch (JsonProcessingException e) {
            throw new BadRequestException("the body is not a valid inference request: " + OipJson.problem(e));
        } catch (IOException e) {
            throw new BadRequestException("the body cannot be read: " + e.getMessage());
        }
    }

    private static byte[] readAll(InputStream body) {
        try {
            return body.readAllBytes();
        } catch (IOException e) {
            throw BodyReader.translate(e);
        }
    }

}
