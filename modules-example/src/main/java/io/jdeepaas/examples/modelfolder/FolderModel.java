package io.jdeepaas.examples.modelfolder;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.repository.zoo.Criteria;
import ai.djl.repository.zoo.ZooModel;
import ai.djl.translate.NoopTranslator;
import io.jdeepaas.examples.djl.DjlDevices;
import io.jdeepaas.examples.djl.PredictorPool;
import io.jdeepaas.spi.Argument;
import io.jdeepaas.spi.InvalidArgumentException;
import io.jdeepaas.spi.ModelEntryPoint;
import io.jdeepaas.spi.ModelMetadata;
import io.jdeepaas.spi.ModelVersion;
import io.jdeepaas.spi.PredictRequest;
import io.jdeepaas.spi.Tensor;
import io.jdeepaas.spi.WarmContext;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * One model of a model store, described by its {@link ModelDescriptor}. Its predict takes one
 * JSON argument {@code inputs} mapping each declared input's name to a tensor as nested lists:
 *
 * <pre>{@code
 * POST /v2/models/linear/predict/   {"inputs": {"x": [[5.1, 3.5, 1.4, 0.2]]}}
 * -> {"outputs": {"output_0": [[...]]}, "classes": [{"index": 0, "label": "a"}]}
 * }</pre>
 *
 * <p>{@code classes} (the arg-max of the first output's last axis, per row, with its label)
 * appears when the descriptor names labels. The model runs through DJL with a
 * {@link NoopTranslator}; a pool of predictors serves concurrent requests.
 */
public final class FolderModel implements ModelEntryPoint {

    private final ModelDescriptor descriptor;
    private volatile ZooModel<NDList, NDList> model;
    private volatile PredictorPool<NDList, NDList> pool;

    /** @param descriptor the model's descriptor */
    public FolderModel(ModelDescriptor descriptor) {
        this.descriptor = descriptor;
    }

    @Override
    public String name() {
        return descriptor.name();
    }

    @Override
    public ModelMetadata metadata() {
        List<Map<String, Object>> inputs = new ArrayList<>();
        for (TensorSpec spec : descriptor.inputs()) {
            inputs.add(Map.of("name", spec.name(), "shape", spec.shape(), "datatype", spec.datatype().label()));
        }
        ModelMetadata metadata = ModelMetadata.describe(descriptor.description())
                .extra("inputs", inputs)
                .extra("model_folder", descriptor.folder().getFileName().toString());
        if (!descriptor.labels().isEmpty()) {
            metadata = metadata.extra("labels", descriptor.labels());
        }
        return descriptor.version() == null ? metadata : metadata.version(descriptor.version());
    }

    @Override
    public Optional<String> engine() {
        return Optional.of(descriptor.engine());
    }

    /** @return the folder's numbered subfolders ({@code 1/}, {@code 2/}, ...), each a version; none when flat */
    @Override
    public List<ModelVersion> shippedVersions() {
        return FolderVersions.numbered(descriptor.folder());
    }

    /** Loads the version the runtime names (a numbered subfolder, an upload), or by default the highest. */
    @Override
    public void warm(WarmContext context) throws Exception {
        Criteria<NDList, NDList> criteria = Criteria.builder()
                .setTypes(NDList.class, NDList.class)
                .optModelPath(descriptor.modelPath(context.modelVersion().map(ModelVersion::dir)
                        .orElse(FolderVersions.latest(descriptor.folder()))))
                .optEngine(descriptor.engine())
                .optDevice(DjlDevices.of(context.device()))
                .optTranslator(new NoopTranslator())
                .build();
        ZooModel<NDList, NDList> loaded = criteria.loadModel();
        model = loaded;
        pool = new PredictorPool<>(loaded::newPredictor);
    }

    @Override
    public List<Argument> predictArguments() {
        StringBuilder example = new StringBuilder();
        for (TensorSpec spec : descriptor.inputs()) {
            example.append(example.length() == 0 ? "" : ", ").append('"').append(spec.name()).append("\": ")
                    .append(spec.datatype().label()).append(' ').append(spec.shapeText());
        }
        return List.of(Argument.json(JsonTensors.ARGUMENT).required()
                .description("Each input's tensor as nested lists: {" + example + "} (-1: any size)"));
    }

    @Override
    public Object predict(PredictRequest request) throws Exception {
        Map<String, Object> inputs = request.json(JsonTensors.ARGUMENT);
        checkNames(inputs);
        ZooModel<NDList, NDList> current = model;
        if (current == null) {
            throw new IllegalStateException("model '" + name() + "' is not warmed");
        }
        try (NDManager manager = current.getNDManager().newSubManager()) {
            NDList arrays = new NDList();
            for (TensorSpec spec : descriptor.inputs()) {
                NDArray array = JsonTensors.toArray(spec, inputs.get(spec.name()), manager);
                array.setName(spec.name());
                arrays.add(array);
            }
            NDList outputs = pool.predict(arrays);
            return answer(outputs);
        }
    }

    @Override
    public String platform() {
        return FolderTensors.platform(descriptor);
    }

    @Override
    public List<io.jdeepaas.spi.TensorSpec> inputs() {
        return FolderTensors.inputs(descriptor);
    }

    /**
     * Taken as batchable when every declared input has {@code -1} as its first dimension: the
     * model is then expected to answer one output row per input row.
     */
    @Override
    public boolean batchable() {
        return FolderTensors.batchable(descriptor);
    }

    /**
     * Runs the model on checked tensors; outputs are named as the descriptor's {@code outputs}
     * say (else {@code output_0}, ...), with the datatype the model produced.
     */
    @Override
    public List<Tensor> infer(List<Tensor> inputs) throws Exception {
        ZooModel<NDList, NDList> current = model;
        if (current == null) {
            throw new IllegalStateException("model '" + name() + "' is not warmed");
        }
        try (NDManager manager = current.getNDManager().newSubManager()) {
            NDList arrays = new NDList();
            for (Tensor input : inputs) {
                arrays.add(FolderTensors.toArray(input, manager));
            }
            NDList outputs = pool.predict(arrays);
            List<Tensor> tensors = new ArrayList<>();
            for (int i = 0; i < outputs.size(); i++) {
                tensors.add(FolderTensors.toTensor(outputName(i), outputs.get(i)));
            }
            return tensors;
        }
    }

    private String outputName(int index) {
        return index < descriptor.outputs().size() ? descriptor.outputs().get(index) : "output_" + index;
    }

    private void checkNames(Map<String, Object> inputs) {
        Set<String> declared = new TreeSet<>();
        descriptor.inputs().forEach(spec -> declared.add(spec.name()));
        for (String name : declared) {
            if (!inputs.containsKey(name)) {
                throw new InvalidArgumentException(JsonTensors.ARGUMENT, "input '" + name + "' is missing; the model takes "
                        + declared);
            }
        }
        for (String name : inputs.keySet()) {
            if (!declared.contains(name)) {
                throw new InvalidArgumentException(JsonTensors.ARGUMENT, "unknown input '" + name + "'; the model takes "
                        + declared);
            }
        }
    }

    private Map<String, Object> answer(NDList outputs) {
        Map<String, Object> named = new LinkedHashMap<>();
        for (int i = 0; i < outputs.size(); i++) {
            named.put(outputName(i), JsonTensors.toJson(outputs.get(i)));
        }
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("outputs", named);
        if (!descriptor.labels().isEmpty() && !outputs.isEmpty()) {
            answer.put("classes", classes(outputs.get(0)));
        }
        return answer;
    }

    private List<Map<String, Object>> classes(NDArray scores) {
        long[] best = scores.argMax(-1).toType(ai.djl.ndarray.types.DataType.INT64, false).toLongArray();
        List<Map<String, Object>> classes = new ArrayList<>();
        for (long index : best) {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("index", index);
            entry.put("label", index < descriptor.labels().size() ? descriptor.labels().get((int) index) : null);
            classes.add(entry);
        }
        return classes;
    }

    @Override
    public void close() {
        PredictorPool<NDList, NDList> predictors = pool;
        if (predictors != null) {
            predictors.close();
        }
        ZooModel<NDList, NDList> loaded = model;
        if (loaded != null) {
            loaded.close();
        }
    }
}
