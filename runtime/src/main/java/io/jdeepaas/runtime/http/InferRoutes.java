package io.jdeepaas.runtime.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.jdeepaas.runtime.errors.BadRequestException;
import io.jdeepaas.runtime.errors.PayloadTooLargeException;
import io.jdeepaas.runtime.inference.InferenceService;
import io.jdeepaas.runtime.inference.PendingPrediction;
import io.jdeepaas.runtime.inference.PredictionService;
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
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
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
    private final long maxBodySize;

    InferRoutes(ModelRegistry registry, InferenceService inference, ObjectMapper json, DisconnectWatch disconnects,
                long maxBodySize) {
        this.registry = registry;
        this.inference = inference;
        this.json = json;
        this.reader = OipJson.requests(json);
        this.disconnects = disconnects;
        this.maxBodySize = maxBodySize;
    }

    void register(Javalin app) {
        app.post("/v2/models/{name}/infer", this::infer);
        app.post("/v2/models/{name}/versions/{version}/infer", this::infer);
    }

    private void infer(Context ctx) {
        ModelHandle model = ModelVersions.model(registry, ctx);
        if (!model.wrapper().infers()) {
            throw model.wrapper().notInferring();
        }
        registry.ready(model.name());
        ModelEntryPoint module = model.module();
        InputStream body = body(ctx);
        String headerLength = ctx.header(BinaryTensorCodec.HEADER);
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
        DisconnectWatch.Watch watch = disconnects.watch(ctx, pending.result(), pending::cancel);
        java.util.function.Supplier<java.util.concurrent.CompletableFuture<?>> answer = () -> pending.result().handle(
                (result, error) -> {
            watch.stop();
            try { // a failed future would leave the response unfinished (see ErrorMapper.answerAsync)
                if (error != null) {
                    throw PredictionService.translate(error);
                }
                answer(ctx, model, request, result);
            } catch (RuntimeException e) {
                ErrorMapper.answerAsync(e, ctx);
            }
            return null;
        });
        if (pending.result().isDone()) {
            answer.get(); // answered on this thread (a cheap model ran here): no async hand-off
        } else {
            ctx.future(answer);
        }
    }

    /** Answers the outputs asked for: JSON, or the JSON header then the binary outputs' raw data. */
    private void answer(Context ctx, ModelHandle model, InferRequest request, List<Tensor> result) {
        ModelEntryPoint module = model.module();
        List<Tensor> outputs = InferChecks.select(result, request, model.name());
        InferAnswer answer = InferAnswer.of(model.name(), ModelVersions.served(module), request, outputs,
                module.outputs());
        if (!answer.hasBinary()) {
            ctx.json(answer.response());
            return;
        }
        byte[] header;
        try {
            header = json.writeValueAsBytes(answer.response());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("the inference answer cannot be written as JSON", e);
        }
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
            throw new BadRequestException("the request body could not be read to its end: " + e.getMessage());
        }
    }

    /**
     * The request's body, refused with 413 once it passes {@code --max-upload-size}: at once when
     * its {@code Content-Length} says so, else as soon as that many bytes have been read.
     */
    private InputStream body(Context ctx) {
        long declared = ctx.req().getContentLengthLong();
        if (declared > maxBodySize) {
            throw tooLarge(declared);
        }
        return new FilterInputStream(ctx.bodyInputStream()) {
            private long count;

            @Override
            public int read() throws IOException {
                int b = super.read();
                count(b < 0 ? 0 : 1);
                return b;
            }

            @Override
            public int read(byte[] buffer, int offset, int length) throws IOException {
                int n = super.read(buffer, offset, length);
                count(Math.max(n, 0));
                return n;
            }

            private void count(int n) {
                count += n;
                if (count > maxBodySize) {
                    throw tooLarge(count);
                }
            }
        };
    }

    private PayloadTooLargeException tooLarge(long size) {
        return new PayloadTooLargeException("the request body (" + (size < 0 ? "more than " + maxBodySize : size)
                + " bytes) exceeds the limit of " + maxBodySize + " bytes (--max-upload-size)");
    }
}
