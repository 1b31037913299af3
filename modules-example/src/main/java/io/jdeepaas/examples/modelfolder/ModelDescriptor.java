package io.jdeepaas.examples.modelfolder;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The descriptor {@code model.json} of a model folder, and the folder it describes.
 *
 * <pre>{@code
 * {
 *   "name": "linear",                  // required: the model's URL name, [a-z0-9][a-z0-9._-]*
 *   "engine": "PyTorch",               // required: "PyTorch" (model.pt) or "TensorFlow" (saved_model.pb),
 *                                      // beside model.json or in numbered subfolders 1/, 2/ (versions)
 *   "description": "A linear layer",   // required
 *   "version": "1.0",                  // optional
 *   "inputs": [                        // required, at least one, in the model's argument order
 *     {"name": "x", "shape": [-1, 4], "datatype": "float32"}   // -1: any size; datatype defaults to float32
 *   ],
 *   "outputs": ["y"],                  // optional: names of the outputs, in order (default output_0, ...)
 *   "labels": ["a", "b", "c"]          // optional: class names along the last axis of the first output
 * }
 * }</pre>
 *
 * @param folder the model folder
 * @param name the model's name
 * @param engine the DJL engine name
 * @param description what the model does
 * @param version its version, or {@code null}
 * @param inputs its inputs, in order
 * @param outputs names of its outputs, possibly fewer than it has
 * @param labels class names of the first output, or empty
 */
public record ModelDescriptor(Path folder, String name, String engine, String description, String version,
                              List<TensorSpec> inputs, List<String> outputs, List<String> labels) {

    /** The descriptor's file name. */
    public static final String FILE = "model.json";

    /** The model file of each engine. */
    private static final Map<String, String> MODEL_FILES =
            Map.of("PyTorch", "model.pt", "TensorFlow", "saved_model.pb");

    /**
     * Copies the lists.
     *
     * @param folder the model folder
     * @param name the model's name
     * @param engine the engine
     * @param description the description
     * @param version the version
     * @param inputs the inputs
     * @param outputs the output names
     * @param labels the class names
     */
    public ModelDescriptor {
        inputs = List.copyOf(inputs);
        outputs = List.copyOf(outputs);
        labels = List.copyOf(labels);
    }

    /**
     * Reads and checks a folder's descriptor and model file.
     *
     * @param folder a model folder
     * @return its descriptor
     * @throws InvalidDescriptorException when the descriptor or the model file is missing or wrong
     */
    public static ModelDescriptor read(Path folder) throws InvalidDescriptorException {
        Path file = folder.resolve(FILE);
        if (!Files.isRegularFile(file)) {
            throw new InvalidDescriptorException(folder, "no " + FILE);
        }
        Object json;
        try {
            json = JsonReader.parse(Files.readString(file, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new InvalidDescriptorException(folder, "cannot read " + FILE + ": " + e.getMessage());
        } catch (IllegalArgumentException e) {
            throw new InvalidDescriptorException(folder, FILE + " is not valid JSON: " + e.getMessage());
        }
        try {
            return fromJson(folder, json);
        } catch (IllegalArgumentException e) {
            throw new InvalidDescriptorException(folder, FILE + ": " + e.getMessage());
        }
    }

    /**
     * @return the model file DJL loads by default: {@code model.pt}, or the SavedModel folder itself,
     *     beside the descriptor or in the highest numbered subfolder
     */
    public Path modelPath() {
        return modelPath(FolderVersions.latest(folder));
    }

    /**
     * @param weights a folder of weights: the model folder, one of its numbered subfolders, or a
     *     version the runtime names (e.g. an uploaded TorchScript file)
     * @return the model file DJL loads there: {@code model.pt} (else the folder's only {@code .pt}
     *     file), or the SavedModel folder itself
     */
    public Path modelPath(Path weights) {
        if (!"PyTorch".equals(engine)) {
            return weights;
        }
        Path standard = weights.resolve(MODEL_FILES.get(engine));
        if (Files.isRegularFile(standard)) {
            return standard;
        }
        try (java.util.stream.Stream<Path> files = Files.list(weights)) {
            List<Path> scripts = files.filter(f -> f.getFileName().toString().endsWith(".pt")).toList();
            return scripts.size() == 1 ? scripts.get(0) : standard;
        } catch (IOException e) {
            return standard;
        }
    }

    private static ModelDescriptor fromJson(Path folder, Object json) throws InvalidDescriptorException {
        if (!(json instanceof Map<?, ?> map)) {
            throw new IllegalArgumentException("the descriptor must be a JSON object");
        }
        String name = text(map, "name", true);
        if (!name.matches("[a-z0-9][a-z0-9._-]*")) {
            throw new IllegalArgumentException("name '" + name + "' must match [a-z0-9][a-z0-9._-]*");
        }
        String engine = text(map, "engine", true);
        String modelFile = MODEL_FILES.get(engine);
        if (modelFile == null) {
            throw new IllegalArgumentException("engine '" + engine + "' must be PyTorch or TensorFlow");
        }
        Path weights = FolderVersions.latest(folder);
        if (!Files.isRegularFile(weights.resolve(modelFile))) {
            throw new InvalidDescriptorException(folder, "engine " + engine + " needs " + modelFile + ", which is missing"
                    + (weights.equals(folder) ? "" : " in " + folder.relativize(weights) + "/"));
        }
        List<TensorSpec> inputs = new ArrayList<>();
        for (Object item : list(map, "inputs", true)) {
            inputs.add(input(item));
        }
        if (inputs.isEmpty()) {
            throw new IllegalArgumentException("'inputs' must declare at least one input");
        }
        return new ModelDescriptor(folder, name, engine, text(map, "description", true), text(map, "version", false),
                inputs, strings(map, "outputs"), strings(map, "labels"));
    }

    private static TensorSpec input(Object item) {
        if (!(item instanceof Map<?, ?> map)) {
            throw new IllegalArgumentException("each input must be an object with name, shape and datatype");
        }
        String name = text(map, "name", true);
        List<Long> shape = new ArrayList<>();
        for (Object size : list(map, "shape", true)) {
            if (!(size instanceof Long n) || n < -1 || n == 0) {
                throw new IllegalArgumentException("input '" + name + "' has a bad shape entry " + size
                        + " (sizes are positive integers, or -1 for any)");
            }
            shape.add(n);
        }
        if (shape.isEmpty()) {
            throw new IllegalArgumentException("input '" + name + "' needs a non-empty shape");
        }
        String datatype = text(map, "datatype", false);
        return new TensorSpec(name, shape, datatype == null ? TensorSpec.DataType.FLOAT32 : TensorSpec.DataType.of(datatype));
    }

    private static String text(Map<?, ?> map, String key, boolean required) {
        Object value = map.get(key);
        if (value == null) {
            if (required) {
                throw new IllegalArgumentException("'" + key + "' is required");
            }
            return null;
        }
        if (!(value instanceof String s) || s.isBlank()) {
            throw new IllegalArgumentException("'" + key + "' must be a non-empty string");
        }
        return s;
    }

    private static List<?> list(Map<?, ?> map, String key, boolean required) {
        Object value = map.get(key);
        if (value == null && !required) {
            return List.of();
        }
        if (!(value instanceof List<?> list)) {
            throw new IllegalArgumentException("'" + key + "' must be an array");
        }
        return list;
    }

    private static List<String> strings(Map<?, ?> map, String key) {
        List<String> out = new ArrayList<>();
        for (Object item : list(map, key, false)) {
            if (!(item instanceof String s)) {
                throw new IllegalArgumentException("'" + key + "' must hold strings only");
            }
            out.add(s);
        }
        return out;
    }
}
