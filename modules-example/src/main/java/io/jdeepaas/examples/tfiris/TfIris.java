package io.jdeepaas.examples.tfiris;

import ai.djl.engine.Engine;
import ai.djl.repository.zoo.Criteria;
import ai.djl.repository.zoo.ZooModel;
import io.jdeepaas.examples.djl.DjlDevices;
import io.jdeepaas.examples.djl.PredictorPool;
import io.jdeepaas.examples.iris.IrisData;
import io.jdeepaas.examples.iris.IrisInput;
import io.jdeepaas.examples.iris.IrisTensors;
import io.jdeepaas.spi.Argument;
import io.jdeepaas.spi.ModelEntryPoint;
import io.jdeepaas.spi.ModelName;
import io.jdeepaas.spi.ModelMetadata;
import io.jdeepaas.spi.PredictRequest;
import io.jdeepaas.spi.Tensor;
import io.jdeepaas.spi.TensorSpec;
import io.jdeepaas.spi.WarmContext;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Classifies iris flowers with a linear softmax model stored as a TensorFlow SavedModel and run by
 * DJL's TensorFlow engine. The project writes the SavedModel itself: on first warm, TensorFlow
 * Java exports the committed weights into the model's data folder; DJL then loads it. Predict
 * takes the same arguments as {@code iris}. DJL's TensorFlow engine runs inference only, so this
 * model does not implement {@code train}, and the runtime answers a train request with 501.
 */
@ModelName("tf-iris")
public final class TfIris implements ModelEntryPoint {

    /** The engine, as DJL names it. */
    public static final String ENGINE = "TensorFlow";

    private volatile ZooModel<float[][], float[][]> model;
    private volatile PredictorPool<float[][], float[][]> pool;


    @Override
    public ModelMetadata metadata() {
        return ModelMetadata.describe("Classifies iris flowers with a linear softmax model exported as a"
                        + " TensorFlow SavedModel by TensorFlow Java and run by DJL's TensorFlow engine (inference only:"
                        + " that engine cannot train, so train answers 501)")
                .version("1.0")
                .author("jDEEPaaS")
                .license("Apache-2.0")
                .extra("classes", IrisData.SPECIES)
                .extra("signature", Map.of("inputs", Map.of(SavedModelWriter.INPUT, "float32[-1,4]"),
                        "outputs", Map.of(SavedModelWriter.OUTPUT, "float32[-1,3]")));
    }

    @Override
    public Optional<String> engine() {
        return Optional.of(ENGINE);
    }

    @Override
    public void warm(WarmContext context) throws Exception {
        Engine.getEngine(ENGINE); // loads the natives TensorFlow Java needs to export
        Path savedModel = context.dataDir().resolve("savedmodel");
        if (!Files.isRegularFile(savedModel.resolve("saved_model.pb"))) {
            context.logger().log(System.Logger.Level.INFO, "writing the SavedModel to " + savedModel);
            SavedModelWriter.export(LinearIrisWeights.load(), savedModel);
        }
        Criteria<float[][], float[][]> criteria = Criteria.builder()
                .setTypes(float[][].class, float[][].class)
                .optModelPath(savedModel)
                .optEngine(ENGINE)
                .optDevice(DjlDevices.of(context.device()))
                .optTranslator(new RowsTranslator())
                .build();
        ZooModel<float[][], float[][]> loaded = criteria.loadModel();
        model = loaded;
        pool = new PredictorPool<>(loaded::newPredictor);
    }

    @Override
    public List<Argument> predictArguments() {
        return IrisInput.arguments();
    }

    @Override
    public Object predict(PredictRequest request) throws Exception {
        IrisInput input = IrisInput.from(request);
        PredictorPool<float[][], float[][]> predictors = pool;
        if (predictors == null) {
            throw new IllegalStateException("model 'tf-iris' is not warmed");
        }
        List<Map<String, Object>> answers = new ArrayList<>();
        for (float[] p : predictors.predict(input.rows())) {
            answers.add(answer(p));
        }
        return input.many() ? answers : answers.get(0);
    }

    @Override
    public String platform() {
        return "tensorflow_savedmodel";
    }

    @Override
    public List<TensorSpec> inputs() {
        return IrisTensors.INPUTS;
    }

    @Override
    public List<TensorSpec> outputs() {
        return IrisTensors.OUTPUTS;
    }

    @Override
    public boolean batchable() {
        return true;
    }

    @Override
    public List<Tensor> infer(List<Tensor> inputs) throws Exception {
        float[][] rows = IrisTensors.rows(inputs);
        PredictorPool<float[][], float[][]> predictors = pool;
        if (predictors == null) {
            throw new IllegalStateException("model 'tf-iris' is not warmed");
        }
        return IrisTensors.outputs(rows.length == 0 ? rows : predictors.predict(rows));
    }

    @Override
    public void close() {
        if (pool != null) {
            pool.close();
        }
        if (model != null) {
            model.close();
        }
    }

    private static Map<String, Object> answer(float[] probabilities) {
        int best = 0;
        Map<String, Object> byClass = new LinkedHashMap<>();
        for (int k = 0; k < probabilities.length; k++) {
            byClass.put(IrisData.SPECIES.get(k), (double) probabilities[k]);
            if (probabilities[k] > probabilities[best]) {
                best = k;
            }
        }
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("class", IrisData.SPECIES.get(best));
        answer.put("probabilities", byClass);
        return answer;
    }
}
