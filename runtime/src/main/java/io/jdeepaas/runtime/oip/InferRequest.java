package io.jdeepaas.runtime.oip;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.jdeepaas.spi.Tensor;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * The body of {@code POST /v2/models/{name}/infer}.
 *
 * @param id an identifier echoed in the response, or {@code null}
 * @param parameters free-form request parameters, or {@code null}
 * @param inputs the input tensors
 * @param outputs the outputs asked for, or {@code null} for all
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record InferRequest(String id, Map<String, Object> parameters, List<Input> inputs,
                           List<RequestedOutput> outputs) {

    /**
     * One input tensor as JSON.
     *
     * @param name its name
     * @param shape its dimensions
     * @param datatype its element type, e.g. {@code FP32}
     * @param parameters free-form tensor parameters, or {@code null}
     * @param data its elements, flat or nested in row-major order
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Input(String name, List<Long> shape, String datatype, Map<String, Object> parameters, Object data) {

        /**
         * @param tensor a tensor
         * @return it as a request input, with flat data
         */
        public static Input of(Tensor tensor) {
            return new Input(tensor.name(), Arrays.stream(tensor.shape()).boxed().toList(), tensor.datatype().name(),
                    null, TensorCodec.encode(tensor));
        }
    }

    /**
     * An output asked for by name.
     *
     * @param name the output's name
     * @param parameters free-form parameters, or {@code null}
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record RequestedOutput(String name, Map<String, Object> parameters) {
    }

    /**
     * @param id an identifier to echo, or {@code null}
     * @param tensors the inputs
     * @return a request for every output
     */
    public static InferRequest of(String id, Tensor... tensors) {
        return new InferRequest(id, null, Arrays.stream(tensors).map(Input::of).toList(), null);
    }

    /**
     * @param names the outputs to answer
     * @return this request asking only for those outputs
     */
    public InferRequest withOutputs(String... names) {
        return new InferRequest(id, parameters, inputs,
                Arrays.stream(names).map(n -> new RequestedOutput(n, null)).toList());
    }
}
