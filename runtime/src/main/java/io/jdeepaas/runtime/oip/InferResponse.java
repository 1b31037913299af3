package io.jdeepaas.runtime.oip;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.jdeepaas.spi.Tensor;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * The answer of {@code POST /v2/models/{name}/infer}.
 *
 * @param modelName the model's name
 * @param modelVersion its version, or {@code null}
 * @param id the request's id, or {@code null}
 * @param parameters free-form response parameters, or {@code null}
 * @param outputs the output tensors, data flat
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record InferResponse(@JsonProperty("model_name") String modelName,
                           @JsonProperty("model_version") String modelVersion, String id,
                           Map<String, Object> parameters, List<Output> outputs) {

    /**
     * One output tensor as JSON.
     *
     * @param name its name
     * @param shape its dimensions
     * @param datatype its element type
     * @param parameters free-form parameters, or {@code null}
     * @param data its elements, flat in row-major order
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Output(String name, List<Long> shape, String datatype, Map<String, Object> parameters, Object data) {

        /**
         * @param tensor a tensor
         * @return it as a response output
         */
        public static Output of(Tensor tensor) {
            return new Output(tensor.name(), Arrays.stream(tensor.shape()).boxed().toList(), tensor.datatype().name(),
                    null, TensorCodec.encode(tensor));
        }

        /**
         * @param tensor a tensor
         * @param size the length of its raw data
         * @return it as a response output whose data follows the JSON as binary data
         */
        public static Output binary(Tensor tensor, long size) {
            return new Output(tensor.name(), Arrays.stream(tensor.shape()).boxed().toList(), tensor.datatype().name(),
                    Map.of(BinaryTensorCodec.SIZE, size), null);
        }

        /**
         * @return this output read back as a tensor
         * @throws io.jdeepaas.runtime.errors.BadRequestException when it is not a valid tensor
         */
        public Tensor tensor() {
            return TensorCodec.decode(name, datatype, shape, data);
        }
    }

    /**
     * @param name an output's name
     * @return that output as a tensor
     * @throws IllegalArgumentException when the response has no such output
     */
    public Tensor output(String name) {
        return outputs.stream().filter(o -> o.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no output '" + name + "' in " + outputs))
                .tensor();
    }
}
