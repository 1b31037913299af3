package io.jdeepaas.runtime.oip;

import io.jdeepaas.spi.Tensor;
import io.jdeepaas.spi.TensorSpec;
import java.util.ArrayList;
import java.util.List;

/**
 * The answer to an inference request as the request asked for it: each output classified when it
 * asked for {@code class_count}, and as binary data when it asked for that (the JSON header then
 * gives the output's {@code binary_data_size}, and its bytes follow the header in output order).
 *
 * @param response the JSON part
 * @param binary the raw data of the binary outputs, in order; empty when the answer is JSON only
 */
public record InferAnswer(InferResponse response, List<byte[]> binary) {

    /**
     * @param model the model's name
     * @param version the version that answered
     * @param request the request
     * @param outputs the outputs to answer, as {@link InferChecks#select} chose them
     * @param specs the model's declared outputs, whose labels name the classes
     * @return the answer
     * @throws io.jdeepaas.runtime.errors.BadRequestException when an output cannot be classified
     * @throws io.jdeepaas.runtime.errors.ModuleFailureException when a score to classify is NaN
     */
    public static InferAnswer of(String model, String version, InferRequest request, List<Tensor> outputs,
                                 List<TensorSpec> specs) {
        List<InferResponse.Output> json = new ArrayList<>();
        List<byte[]> binary = new ArrayList<>();
        for (Tensor output : outputs) {
            OutputOptions options = OutputOptions.of(request, output.name());
            Tensor answered = output;
            if (options.classCount() > 0) {
                answered = Classification.classify(output, options.classCount(), labels(specs, output.name()), model);
            }
            if (options.binary()) {
                byte[] raw = BinaryTensorCodec.encode(answered);
                binary.add(raw);
                json.add(InferResponse.Output.binary(answered, raw.length));
            } else {
                json.add(InferResponse.Output.of(answered));
            }
        }
        return new InferAnswer(new InferResponse(model, version, request.id(), null, json), binary);
    }

    /** @return whether binary data follows the JSON part */
    public boolean hasBinary() {
        return !binary.isEmpty();
    }

    private static List<String> labels(List<TensorSpec> specs, String name) {
        return specs.stream().filter(s -> s.name().equals(name)).findFirst().map(TensorSpec::labels)
                .orElse(List.of());
    }
}
