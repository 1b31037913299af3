package io.jdeepaas.runtime.inference;

import io.jdeepaas.runtime.errors.ApiException;
import io.jdeepaas.runtime.errors.GatewayTimeoutException;
import io.jdeepaas.runtime.errors.ModuleFailureException;
import io.jdeepaas.runtime.errors.TooManyRequestsException;
import io.jdeepaas.runtime.registry.ModelHandle;
import io.jdeepaas.spi.PredictRequest;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs predictions on a bounded pool per model: {@code workers} at once, {@code queueSize} waiting,
 * and beyond that 429 at once. A prediction that takes longer than the timeout is answered 504 and
 * its queued work dropped.
 */
public final class PredictionService implements AutoCloseable {

    private final int workers;
    private final int queueSize;
    private final Duration timeout;
    private final Map<String, ThreadPoolExecutor> pools = new ConcurrentHashMap<>();

    public PredictionService(int workers, int queueSize, Duration timeout) {
        this.workers = workers;
        this.queueSize = queueSize;
        this.timeout = timeout;
    }

    /**
     * Runs one prediction and waits for it.
     *
     * @param model a ready model
     * @param request the validated request
     * @param cleanup run once when the work has ended or was dropped (e.g. deleting uploads)
     * @return what the module returned
     * @throws ApiException 429 when the queue is full, 504 on timeout, or the module's translated failure
     */
    public Object predict(ModelHandle model, PredictRequest request, Runnable cleanup) throws InterruptedException {
        PredictionJob job = new PredictionJob(() -> model.wrapper().predict(request), cleanup);
        try {
            pool(model.name()).execute(job);
        } catch (RejectedExecutionException e) {
            cleanup.run();
            throw new TooManyRequestsException("model '" + model.name() + "' has " + queueSize
                    + " predictions waiting; retry shortly", 1);
        }
        try {
            return job.result().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            GatewayTimeoutException timedOut = new GatewayTimeoutException("model '" + model.name()
                    + "' did not answer within " + timeout.toMillis() + " ms");
            job.abandon(timedOut);
            throw timedOut;
        } catch (InterruptedException e) {
            job.abandon(new CancellationException("the client went away"));
            throw e;
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof ApiException api) {
                throw api;
            }
            throw new ModuleFailureException(String.valueOf(cause.getMessage()), cause);
        }
    }

    private ThreadPoolExecutor pool(String model) {
        return pools.computeIfAbsent(model, name -> {
            AtomicInteger count = new AtomicInteger();
            return new ThreadPoolExecutor(workers, workers, 60, TimeUnit.SECONDS,
                    new ArrayBlockingQueue<>(Math.max(1, queueSize)), r -> {
                        Thread t = new Thread(r, "predict-" + name + "-" + count.incrementAndGet());
                        t.setDaemon(true);
                        return t;
                    });
        });
    }

    @Override
    public void close() {
        pools.values().forEach(ThreadPoolExecutor::shutdownNow);
    }
}
