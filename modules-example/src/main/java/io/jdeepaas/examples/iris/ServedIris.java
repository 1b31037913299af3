package io.jdeepaas.examples.iris;

import ai.djl.Model;
import ai.djl.translate.TranslateException;
import io.jdeepaas.examples.djl.PredictorPool;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One set of weights being served: the model, its feature scaling, its predictors, and the id of
 * the training that produced it. Swapped whole when a training finishes; a swapped-out instance
 * stays open until the last prediction using it is done.
 */
final class ServedIris {

    private final Model model;
    private final IrisWeights.Descriptor descriptor;
    private final PredictorPool<float[][], float[][]> pool;
    /** One reference held by the owner until {@link #retire()}, plus one per running prediction. */
    private final AtomicInteger references = new AtomicInteger(1);

    /**
     * @param model the loaded or trained model; this instance closes it
     * @param descriptor the weights' id, scaling and metrics
     */
    ServedIris(Model model, IrisWeights.Descriptor descriptor) {
        this.model = model;
        this.descriptor = descriptor;
        this.pool = new PredictorPool<>(() -> model.newPredictor(new ProbabilityTranslator()));
    }

    /** @return the weights' id, scaling and metrics */
    IrisWeights.Descriptor descriptor() {
        return descriptor;
    }

    /** @return a copy of every parameter's values, in the network's order (to start a training from) */
    List<float[]> parameterValues() {
        List<float[]> values = new ArrayList<>();
        model.getBlock().getParameters().values().forEach(p -> values.add(p.getArray().toFloatArray()));
        return values;
    }

    /**
     * Registers one user, unless this instance was already closed.
     *
     * @return false when it was closed: read the current instance again
     */
    boolean acquire() {
        for (int n = references.get(); n > 0; n = references.get()) {
            if (references.compareAndSet(n, n + 1)) {
                return true;
            }
        }
        return false;
    }

    /** Ends one use; the last one after {@link #retire()} closes the model. */
    void release() {
        if (references.decrementAndGet() == 0) {
            pool.close();
            model.close();
        }
    }

    /** Drops the owner's reference: the model closes once no prediction uses it. */
    void retire() {
        release();
    }

    /**
     * Classifies flowers; call between {@link #acquire()} and {@link #release()}.
     *
     * @param rows raw measurements, four per flower
     * @return the probability of each species, per flower
     * @throws TranslateException when the engine fails
     */
    float[][] probabilities(float[][] rows) throws TranslateException {
        float[][] scaled = new float[rows.length][];
        for (int i = 0; i < rows.length; i++) {
            scaled[i] = descriptor.standardizer().apply(rows[i]);
        }
        return pool.predict(scaled);
    }
}
