package io.jdeepaas.runtime.openapi;

import io.jdeepaas.spi.ModelEntryPoint;
import io.jdeepaas.spi.TensorSpec;
import io.jdeepaas.spi.TensorType;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.media.ArraySchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.parameters.RequestBody;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The Open Inference Protocol's {@code POST /v2/models/{name}/infer} of one tensor-capable model,
 * with an example request built from its declared inputs, and the protocol's schemas kept in
 * {@code components}: tensors, the inference request and response. Errors read {@code {"error": "..."}}.
 */
final class InferOperations {

    /** The inference request. */
    static final String REQUEST = "OipInferRequest";
    /** The inference response. */
    static final String RESPONSE = "OipInferResponse";
    private static final String TENSOR = "OipTensor";
    private static final String DATATYPE = "OipDatatype";
    private static final String REQUESTED_OUTPUT = "OipRequestedOutput";

    private static final Map<Integer, String> ERRORS = Map.of(
            400, "The request is malformed or its tensors do not fit the model (shape, data length, datatype, names)",
            404, "No such model", 429, "The model's queue is full; retry after the seconds in Retry-After",
            500, "The model failed; the message is the model's", 503, "The model is not ready (loading or failed)",
            504, "The model did not answer in time");

    private InferOperations() {
    }

    /** @param components the document's components, which gain the protocol's schemas */
    static void addSchemas(Components components) {
        Schema<Object> shape = new ArraySchema().items(new Schema<Object>().type("integer").format("int64"));
        Schema<Object> parameters = SharedSchemas.object().additionalProperties(true);
        components.addSchemas(DATATYPE, new Schema<Object>().type("string")
                        ._enum(Arrays.stream(TensorType.values()).map(t -> (Object) t.name()).toList()))
                .addSchemas(TENSOR, SharedSchemas.object()
                        .addProperty("name", new Schema<Object>().type("string"))
                        .addProperty("shape", shape)
                        .addProperty("datatype", SharedSchemas.ref(DATATYPE))
                        .addProperty("parameters", parameters)
                        .addProperty("data", new ArraySchema().items(new Schema<Object>())
                                .description("The elements in row-major order, flat or nested; BYTES as strings"))
                        .required(List.of("name", "shape", "datatype", "data")))
                .addSchemas(REQUESTED_OUTPUT, SharedSchemas.object()
                        .addProperty("name", new Schema<Object>().type("string"))
                        .addProperty("parameters", parameters)
                        .required(List.of("name")))
                .addSchemas(REQUEST, SharedSchemas.object()
                        .addProperty("id", new Schema<Object>().type("string").description("Echoed in the response"))
                        .addProperty("parameters", parameters)
                        .addProperty("inputs", new ArraySchema().items(SharedSchemas.ref(TENSOR)))
                        .addProperty("outputs", new ArraySchema().items(SharedSchemas.ref(REQUESTED_OUTPUT))
                                .description("The outputs to answer; all when absent"))
                        .required(List.of("inputs")))
                .addSchemas(RESPONSE, SharedSchemas.object()
                        .addProperty("model_name", new Schema<Object>().type("string"))
                        .addProperty("model_version", new Schema<Object>().type("string"))
                        .addProperty("id", new Schema<Object>().type("string"))
                        .addProperty("parameters", parameters)
                        .addProperty("outputs", new ArraySchema().items(SharedSchemas.ref(TENSOR)))
                        .required(List.of("model_name", "outputs")));
    }

    /**
     * @param model a model that implements tensor inference
     * @return its infer operation
     */
    static Operation infer(ModelEntryPoint model) {
        String text = "Open Inference Protocol (KServe V2) tensor inference."
                + (model.inputs().isEmpty() ? " The model accepts any tensors." : "\n\nInputs: " + specs(model.inputs()))
                + (model.outputs().isEmpty() ? "" : "\n\nOutputs: " + specs(model.outputs()))
                + "\n\n-1 is a dimension of any size." + (model.batchable()
                ? " Rows are independent: concurrent requests may be batched (max-batch-size)." : "");
        Schema<Object> body = SharedSchemas.ref(REQUEST);
        io.swagger.v3.oas.models.media.MediaType json = new io.swagger.v3.oas.models.media.MediaType().schema(body);
        if (!model.inputs().isEmpty()) {
            json.example(example(model.inputs()));
        }
        ApiResponses responses = new ApiResponses().addApiResponse("200", new ApiResponse()
                .description("The output tensors").content(SharedSchemas.json(SharedSchemas.ref(RESPONSE))));
        ERRORS.keySet().stream().sorted().forEach(status -> responses.addApiResponse(String.valueOf(status),
                new ApiResponse().description(ERRORS.get(status))
                        .content(SharedSchemas.json(SharedSchemas.ref(SharedSchemas.OIP_ERROR)))));
        return new Operation().operationId(model.name() + "_infer").summary("Tensor inference with " + model.name())
                .tags(List.of(model.name())).description(text)
                .requestBody(new RequestBody().required(true).content(
                        new io.swagger.v3.oas.models.media.Content().addMediaType("application/json", json)))
                .responses(responses);
    }

    private static String specs(List<TensorSpec> specs) {
        return String.join(", ", specs.stream().map(s -> "`" + s.name() + "` " + s.datatype() + " "
                + Arrays.toString(s.shape())).toList());
    }

    /** One row (each -1 taken as 1) of zeros, false or "text" per declared input. */
    private static Map<String, Object> example(List<TensorSpec> inputs) {
        List<Object> tensors = new ArrayList<>();
        for (TensorSpec spec : inputs) {
            long[] shape = Arrays.stream(spec.shape()).map(d -> d == -1 ? 1 : d).toArray();
            long size = Math.min(Arrays.stream(shape).reduce(1, (a, b) -> a * b), 10_000);
            Object zero = spec.datatype() == TensorType.BOOL ? false : spec.datatype() == TensorType.BYTES ? "text"
                    : spec.datatype().isFloatingPoint() ? (Object) 0.0 : (Object) 0;
            Map<String, Object> tensor = new LinkedHashMap<>();
            tensor.put("name", spec.name());
            tensor.put("shape", shape);
            tensor.put("datatype", spec.datatype().name());
            tensor.put("data", java.util.Collections.nCopies((int) size, zero));
            tensors.add(tensor);
        }
        return Map.of("inputs", tensors);
    }
}
