package io.jdeepaas.examples.djl;

import ai.djl.inference.Predictor;
import ai.djl.translate.TranslateException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.function.Supplier;

/**
 * A fixed set of DJL predictors shared by concurrent callers. A DJL {@link Predictor} is not
 * thread-safe, so each call borrows one for its whole duration and gives it back; when all are
 * busy, callers wait.
 *
 * @param <I> the predictor's input type
 * @param <O> the predictor's output type
 */
public final class PredictorPool<I, O> implements AutoCloseable {

    private final List<Predictor<I, O>> all;
    private final BlockingQueue<Predictor<I, O>> idle;

    /**
     * Creates the predictors at once.
     *
     * @param size how many predictors, at least 1
     * @param factory makes one predictor, e.g. {@code model::newPredictor}
     */
    public PredictorPool(int size, Supplier<Predictor<I, O>> factory) {
        if (size < 1) {
            throw new IllegalArgumentException("a pool needs at least one predictor");
        }
        all = new ArrayList<>(size);
        idle = new ArrayBlockingQueue<>(size);
        for (int i = 0; i < size; i++) {
            Predictor<I, O> predictor = factory.get();
            all.add(predictor);
            idle.add(predictor);
        }
    }

    /** @return a pool size suited to this machine: its processor count, at least 2 */
    public static int defaultSize() {
        return Math.max(2, Runtime.getRuntime().availableProcessors());
    }

    /**
     * Runs one prediction on a free predictor, waiting for one if all are busy.
     *
     * @param input the input
     * @return the output
     * @throws TranslateException when the prediction fails
     * @throws InterruptedException when interrupted while waiting for a predictor
     */
    public O predict(I input) throws TranslateException, InterruptedException {
        Predictor<I, O> predictor = idle.take();
        try {
            return predictor.predict(input);
        } finally {
            idle.add(predictor);
        }
    }

    /** Closes every predictor; call it once no prediction is running. */
    @Override
    public void close() {
        all.forEach(Predictor::close);
    }
}
