package io.jdeepaas.examples.digits;

import ai.djl.Device;
import ai.djl.MalformedModelException;
import ai.djl.Model;
import ai.djl.translate.TranslateException;
import io.jdeepaas.examples.djl.PredictorPool;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * One set of digits weights loaded on a device, with its pool of predictors. Callers bracket each
 * use with {@link #acquire()} and {@link #release()}; once {@link #retire() retired} it refuses
 * new users and frees its native memory when the last one leaves, so weights can be swapped while
 * predictions run.
 */
final class LoadedDigits {

    /** The model property naming where the weights came from. */
    static final String ORIGIN = "origin";

    private final Model model;
    private final PredictorPool<float[], float[]> pool;
    private final String origin;
    private int users;
    private boolean retired;
    private boolean closed;

    private LoadedDigits(Model model, PredictorPool<float[], float[]> pool, String origin) {
        this.model = model;
        this.pool = pool;
        this.origin = origin;
    }

    /**
     * Loads {@code digits-NNNN.params} (the newest epoch) from a folder.
     *
     * @param folder the folder holding the parameter file
     * @param device where to run
     * @return the loaded weights, ready to predict
     * @throws IOException when the file cannot be read
     * @throws MalformedModelException when it does not hold this network's parameters
     */
    static LoadedDigits load(Path folder, Device device) throws IOException, MalformedModelException {
        Model model = Model.newInstance(DigitsWeights.PREFIX, device, "PyTorch");
        try {
            model.setBlock(DigitsNetwork.create());
            model.load(folder, DigitsWeights.PREFIX);
            String origin = model.getProperty(ORIGIN, folder.toString());
            ProbabilitiesTranslator translator = new ProbabilitiesTranslator();
            PredictorPool<float[], float[]> pool =
                    new PredictorPool<>(() -> model.newPredictor(translator, device));
            return new LoadedDigits(model, pool, origin);
        } catch (IOException | MalformedModelException | RuntimeException e) {
            model.close();
            throw e;
        }
    }

    /** @return where the weights came from: {@code shipped} or a training's output folder */
    String origin() {
        return origin;
    }

    /**
     * Classifies one input.
     *
     * @param input 28x28 values from {@link DigitImages}
     * @return the probability of each digit, 0 to 9
     * @throws TranslateException when the engine fails
     */
    float[] probabilities(float[] input) throws TranslateException {
        return pool.predict(input);
    }

    /**
     * Classifies several inputs in one engine call.
     *
     * @param inputs 28x28 values each
     * @return the probability of each digit, per input
     * @throws TranslateException when the engine fails
     */
    List<float[]> probabilities(List<float[]> inputs) throws TranslateException {
        return pool.batchPredict(inputs);
    }

    /** @return true when the caller may use the weights (then it must {@link #release()}) */
    synchronized boolean acquire() {
        if (retired) {
            return false;
        }
        users++;
        return true;
    }

    /** Ends one use begun by a successful {@link #acquire()}. */
    synchronized void release() {
        users--;
        closeIfUnused();
    }

    /** Refuses new users and frees the weights once no one uses them. */
    synchronized void retire() {
        retired = true;
        closeIfUnused();
    }

    private void closeIfUnused() {
        if (retired && users == 0 && !closed) {
            closed = true;
            pool.close();
            model.close();
        }
    }
}
