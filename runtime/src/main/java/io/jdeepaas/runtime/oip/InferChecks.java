package io.jdeepaas.runtime.oip;

import io.jdeepaas.runtime.errors.BadRequestException;
import io.jdeepaas.runtime.errors.ModuleFailureException;
import io.jdeepaas.spi.Tensor;
import io.jdeepaas.spi.TensorSpec;
import io.jdeepaas.spi.TensorType;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Checks an inference request against a model's declared tensors, and picks the outputs it asked
 * for. With declared inputs, every one must be present (no other, none twice) with its datatype
 * and every fixed dimension; without, any tensors pass. Inputs may come as JSON data or as binary
 * data ({@link BinaryTensorCodec}), mixed in one request. Each failure is a 400 saying what the
 * model expects.
 */
public final class InferChecks {

    private InferChecks() {
    }

    /**
     * @param request the parsed request, JSON only
     * @param model the model's name, for messages
     * @param specs the model's declared inputs, possibly none
     * @return the decoded inputs, in the declared order when declared
     * @throws BadRequestException when the request does not fit
     */
    public static List<Tensor> inputs(InferRequest request, String model, List<TensorSpec> specs) {
        return inputs(request, null, model, specs);
    }

    /**
     * @param request the parsed request (the JSON header, when binary data follows it)
     * @param binary the body after the JSON header, or {@code null} when the request is JSON only
     * @param model the model's name, for messages
     * @param specs the model's declared inputs, possibly none
     * @return the decoded inputs, in the declared order when declared
     * @throws BadRequestException when the request does not fit
     */
    public static List<Tensor> inputs(InferRequest request, InputStream binary, String model, List<TensorSpec> specs) {
        if (request.inputs() == null || request.inputs().isEmpty()) {
            throw new BadRequestException("the request has no inputs" + expecting(model, specs));
        }
        Map<String, Tensor> byName = new LinkedHashMap<>();
        for (Tensor tensor : BinaryTensorCodec.inputs(request, binary)) {
            if (byName.put(tensor.name(), tensor) != null) {
                throw new BadRequestException("input '" + tensor.name() + "' is given twice");
            }
        }
        if (specs.isEmpty()) {
            return List.copyOf(byName.values());
        }
        List<Tensor> ordered = new ArrayList<>();
        for (TensorSpec spec : specs) {
            Tensor tensor = byName.remove(spec.name());
            if (tensor == null) {
                throw new BadRequestException("input '" + spec.name() + "' is missing" + expecting(model, specs));
            }
            if (tensor.datatype() != spec.datatype()) {
                throw new BadRequestException("input '" + spec.name() + "' is " + tensor.datatype() + ", but model '"
                        + model + "' expects " + spec.datatype());
            }
            if (!spec.fits(tensor.shape())) {
                throw new BadRequestException("input '" + spec.name() + "' has shape " + Arrays.toString(tensor.shape())
                        + ", but model '" + model + "' expects " + Arrays.toString(spec.shape())
                        + " (-1 is any size)");
            }
            ordered.add(tensor);
        }
        if (!byName.isEmpty()) {
            throw new BadRequestException("model '" + model + "' has no input " + quoted(byName.keySet())
                    + expecting(model, specs));
        }
        return ordered;
    }

    /**
     * Checks the outputs a request asks for, before any work is done.
     *
     * @param request the parsed request
     * @param model the model's name, for messages
     * @param specs the model's declared outputs, possibly none
     * @throws BadRequestException when it asks for an undeclared output or one twice, a parameter
     *     of the extensions has the wrong type, or it asks for the classes of a {@code BYTES} output
     */
    public static void requestedOutputs(InferRequest request, String model, List<TensorSpec> specs) {
        OutputOptions.of(request, "");
        if (request.outputs() == null) {
            return;
        }
        Set<String> seen = new HashSet<>();
        Set<String> declared = new LinkedHashSet<>();
        specs.forEach(s -> declared.add(s.name()));
        for (InferRequest.RequestedOutput output : request.outputs()) {
            if (output == null || output.name() == null || output.name().isBlank()) {
                throw new BadRequestException("a requested output has no name");
            }
            if (!seen.add(output.name())) {
                throw new BadRequestException("output '" + output.name() + "' is requested twice");
            }
            if (!specs.isEmpty() && !declared.contains(output.name())) {
                throw new BadRequestException("model '" + model + "' has no output '" + output.name()
                        + "'; its outputs are " + quoted(declared));
            }
            OutputOptions options = OutputOptions.of(request, output.name());
            boolean text = specs.stream().anyMatch(s -> s.name().equals(output.name()) && s.datatype() == TensorType.BYTES);
            if (options.classCount() > 0 && text) {
                throw new BadRequestException("output '" + output.name() + "' of model '" + model + "' is BYTES; "
                        + OutputOptions.CLASS_COUNT + " needs an output of numeric scores");
            }
        }
    }

    /**
     * @param produced what the model returned
     * @param request the request, whose {@code outputs} (when given) name those to keep
     * @param model the model's name, for messages
     * @return the outputs to answer, in the order asked for (or as produced)
     * @throws BadRequestException when an output asked for was not produced
     * @throws ModuleFailureException when the model returned nothing or one name twice
     */
    public static List<Tensor> select(List<Tensor> produced, InferRequest request, String model) {
        if (produced == null) {
            throw new ModuleFailureException("model '" + model + "' returned no outputs", null);
        }
        Map<String, Tensor> byName = new LinkedHashMap<>();
        for (Tensor t : produced) {
            if (t == null || byName.put(t.name(), t) != null) {
                throw new ModuleFailureException("model '" + model + "' returned a null output or one name twice", null);
            }
        }
        if (request.outputs() == null || request.outputs().isEmpty()) {
            return List.copyOf(byName.values());
        }
        List<Tensor> chosen = new ArrayList<>();
        for (InferRequest.RequestedOutput output : request.outputs()) {
            Tensor t = byName.get(output.name());
            if (t == null) {
                throw new BadRequestException("model '" + model + "' has no output '" + output.name()
                        + "'; it produced " + quoted(byName.keySet()));
            }
            chosen.add(t);
        }
        return chosen;
    }

    /**
     * @param specs declared tensors
     * @return them as the model metadata lists them: {@code name}, {@code datatype}, {@code shape} (-1 variable)
     */
    public static List<Map<String, Object>> metadata(List<TensorSpec> specs) {
        return specs.stream().map(s -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("name", s.name());
            m.put("datatype", s.datatype().name());
            m.put("shape", s.shape());
            return m;
        }).toList();
    }

    private static String expecting(String model, List<TensorSpec> specs) {
        return specs.isEmpty() ? "" : "; model '" + model + "' expects " + specs;
    }

    private static String quoted(Set<String> names) {
        return names.stream().map(n -> "'" + n + "'").toList().toString();
    }
}
