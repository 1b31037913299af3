package io.jdeepaas.examples.djl;

import ai.djl.inference.Predictor;
import ai.djl.translate.TranslateException;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.Supplier;

/**
 * A pool of DJL predictors for one model. DJL predictors are not thread-safe: each call borrows
 * an idle predictor (or makes one), uses it alone, and returns it. The pool grows to the number of
 * concurrent callers and no further.
 *
 * @param <I> the predictor's input
 * @param <O> the predictor's output
 */
public final class PredictorPool<I, O> implements AutoCloseable {

    private final Supplier<Predictor<I, O>> factory;
    private final ConcurrentLinkedQueue<Predictor<I, O>> idle = new ConcurrentLinkedQueue<>();
    private volatile boolean closed;

    /** @param factory makes a new predictor */
    public PredictorPool(Supplier<Predictor<I, O>> factory) {
        this.factory = factory;
    }

    /**
     * Runs one prediction on a predictor no other thread is using.
     *
     * @param input the input
     * @return the output
     * @throws TranslateException when the prediction fails
     */
    public O predict(I input) throws TranslateException {
        return use(p -> p.predict(input));
    }

    /**
     * Runs one batch on a predictor no other thread is using; the translator's batchifier stacks
     * the inputs into one engine call.
     *
     * @param inputs the inputs
     * @return one output per input, in order
     * @throws TranslateException when the prediction fails
     */
    public List<O> batchPredict(List<I> inputs) throws TranslateException {
        return use(p -> p.batchPredict(inputs));
    }

    /** Work done with one predictor. */
    private interface Call<I, O, T> {
        T apply(Predictor<I, O> predictor) throws TranslateException;
    }

    private <T> T use(Call<I, O, T> call) throws TranslateException {
        if (closed) {
            throw new IllegalStateException("predictor pool is closed");
        }
        Predictor<I, O> predictor = idle.poll();
        if (predictor == null) {
            predictor = factory.get();
        }
        try {
            return call.apply(predictor);
        } finally {
            idle.offer(predictor);
            if (closed) {
                drain();
            }
        }
    }

    /** @return how many predictors are idle now (for tests) */
    public int idleCount() {
        return idle.size();
    }

    /** Closes every idle predictor; one still in use is closed when it is returned. */
    @Override
    public void close() {
        closed = true;
        drain();
    }

    private void drain() {
        for (Predictor<I, O> p = idle.poll(); p != null; p = idle.poll()) {
            p.close();
        }
    }
}
