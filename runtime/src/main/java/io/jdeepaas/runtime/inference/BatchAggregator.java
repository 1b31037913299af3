package io.jdeepaas.runtime.inference;

import io.jdeepaas.runtime.config.BatchSettings;
import io.jdeepaas.runtime.errors.ApiException;
import io.jdeepaas.runtime.errors.GatewayTimeoutException;
import io.jdeepaas.runtime.errors.ModuleFailureException;
import io.jdeepaas.runtime.errors.ServiceUnavailableException;
import io.jdeepaas.runtime.errors.TooManyRequestsException;
import io.jdeepaas.spi.Tensor;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;

/**
 * Tensor inference for one model: a bounded queue of requests served by {@code workers} threads.
 * A free worker takes the oldest request; when batching is on it then keeps taking the requests
 * that stack with it (same inputs, same dimensions but the first) until the batch has
 * {@code maxBatchSize} rows or {@code maxBatchDelay} has passed, calls the model once with the
 * stacked rows and hands each caller exactly its own rows of every output. While one worker is
 * gathering a batch, new requests go to that batch rather than waking an idle worker.
 *
 * <p>Back-pressure and timeouts follow the prediction pools: a full queue is a 429 at once; a
 * caller whose time runs out gets a 504 and its request, if still queued, is dropped. A batch
 * that fails with a 4xx is rerun request by request, so one bad request fails alone.
 */
final class BatchAggregator implements AutoCloseable {

    private enum State { QUEUED, TAKEN, DROPPED }

    /** One caller's request and its answer. */
    private static final class Pending {
        final List<Tensor> inputs;
        final long rows;
        final CompletableFuture<List<Tensor>> answer = new CompletableFuture<>();
        final AtomicReference<State> state = new AtomicReference<>(State.QUEUED);

        Pending(List<Tensor> inputs) {
            this.inputs = inputs;
            this.rows = TensorBatches.rows(inputs);
        }

        boolean stacks() {
            return rows > 0;
        }
    }

    private final String model;
    private final Function<List<Tensor>, List<Tensor>> engine;
    private final int queueSize;
    private final Duration timeout;
    private final int maxBatchSize;
    private final long maxDelayNanos;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition work = lock.newCondition();
    private final Condition more = lock.newCondition();
    private final ArrayDeque<Pending> queue = new ArrayDeque<>();
    private final List<Thread> threads = new ArrayList<>();
    private int gathering;
    private volatile boolean closed;

    /**
     * @param model the model's name, for messages and thread names
     * @param engine calls the model (through its wrapper, which translates failures)
     * @param workers concurrent calls
     * @param queueSize requests waiting before 429
     * @param timeout how long a caller waits before 504
     * @param batching the batch size and delay; size 1 runs every request alone
     */
    BatchAggregator(String model, Function<List<Tensor>, List<Tensor>> engine, int workers, int queueSize,
                    Duration timeout, BatchSettings batching) {
        this.model = model;
        this.engine = engine;
        this.queueSize = Math.max(1, queueSize);
        this.timeout = timeout;
        this.maxBatchSize = batching.maxBatchSize();
        this.maxDelayNanos = batching.maxBatchDelay().toNanos();
        for (int i = 1; i <= workers; i++) {
            Thread t = new Thread(this::serve, "infer-" + model + "-" + i);
            t.setDaemon(true);
            threads.add(t);
            t.start();
        }
    }

    /**
     * Queues one request and waits for its outputs.
     *
     * @param inputs the checked inputs
     * @return the model's outputs for these inputs
     * @throws ApiException 429 when the queue is full, 504 on timeout, or the model's translated failure
     * @throws InterruptedException when the caller is interrupted (its request is dropped)
     */
    List<Tensor> infer(List<Tensor> inputs) throws InterruptedException {
        Pending pending = new Pending(inputs);
        lock.lock();
        try {
            if (closed) {
                throw new ServiceUnavailableException("model '" + model + "' is shutting down", 1);
            }
            if (queue.size() >= queueSize) {
                throw new TooManyRequestsException("model '" + model + "' has " + queueSize
                        + " inference requests waiting; retry shortly", 1);
            }
            queue.add(pending);
            (gathering > 0 ? more : work).signal();
        } finally {
            lock.unlock();
        }
        try {
            return pending.answer.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            drop(pending);
            throw new GatewayTimeoutException("model '" + model + "' did not answer within " + timeout.toMillis() + " ms");
        } catch (InterruptedException e) {
            drop(pending);
            throw e;
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof ApiException api) {
                throw api;
            }
            throw new ModuleFailureException("model '" + model + "' failed: " + cause.getMessage(), cause);
        }
    }

    private void drop(Pending pending) {
        if (pending.state.compareAndSet(State.QUEUED, State.DROPPED)) {
            lock.lock();
            try {
                queue.remove(pending);
            } finally {
                lock.unlock();
            }
            pending.answer.completeExceptionally(new CancellationException("dropped"));
        }
    }

    private void serve() {
        while (!closed) {
            List<Pending> batch;
            try {
                batch = nextBatch();
            } catch (InterruptedException e) {
                return;
            }
            run(batch);
        }
    }

    /** Blocks for the oldest request, then gathers the requests that stack with it. */
    private List<Pending> nextBatch() throws InterruptedException {
        lock.lockInterruptibly();
        try {
            Pending first = null;
            while (first == null) {
                while (queue.isEmpty()) {
                    work.await();
                }
                Pending p = queue.poll();
                if (p.state.compareAndSet(State.QUEUED, State.TAKEN)) {
                    first = p;
                }
            }
            List<Pending> batch = new ArrayList<>();
            batch.add(first);
            if (maxBatchSize > 1 && first.stacks()) {
                gather(first, batch);
            }
            if (!queue.isEmpty()) {
                work.signal();
            }
            return batch;
        } finally {
            lock.unlock();
        }
    }

    private void gather(Pending first, List<Pending> batch) throws InterruptedException {
        long rows = first.rows;
        long deadline = System.nanoTime() + maxDelayNanos;
        gathering++;
        try {
            while (rows < maxBatchSize) {
                Pending next = queue.peek();
                if (next == null) {
                    long left = deadline - System.nanoTime();
                    if (left <= 0) {
                        break;
                    }
                    more.awaitNanos(left);
                    continue;
                }
                if (next.state.get() != State.QUEUED) {
                    queue.poll();
                    continue;
                }
                if (!next.stacks() || rows + next.rows > maxBatchSize
                        || !TensorBatches.stackable(first.inputs, next.inputs)) {
                    break;
                }
                queue.poll();
                if (next.state.compareAndSet(State.QUEUED, State.TAKEN)) {
                    batch.add(next);
                    rows += next.rows;
                }
            }
        } finally {
            gathering--;
        }
    }

    private void run(List<Pending> batch) {
        if (batch.size() == 1) {
            runAlone(batch.get(0));
            return;
        }
        List<Tensor> outputs;
        try {
            outputs = engine.apply(TensorBatches.stack(batch.stream().map(p -> p.inputs).toList()));
        } catch (ApiException e) {
            if (e.status() < 500) {
                batch.forEach(this::runAlone);
            } else {
                batch.forEach(p -> p.answer.completeExceptionally(e));
            }
            return;
        } catch (RuntimeException | Error e) {
            batch.forEach(p -> p.answer.completeExceptionally(e));
            return;
        }
        try {
            long[] rows = batch.stream().mapToLong(p -> p.rows).toArray();
            List<List<Tensor>> answers = TensorBatches.split(outputs, rows, model);
            for (int i = 0; i < batch.size(); i++) {
                batch.get(i).answer.complete(answers.get(i));
            }
        } catch (RuntimeException e) {
            batch.forEach(p -> p.answer.completeExceptionally(e));
        }
    }

    private void runAlone(Pending pending) {
        try {
            pending.answer.complete(engine.apply(pending.inputs));
        } catch (RuntimeException | Error e) {
            pending.answer.completeExceptionally(e);
        }
    }

    @Override
    public void close() {
        closed = true;
        threads.forEach(Thread::interrupt);
        lock.lock();
        try {
            queue.forEach(p -> p.answer.completeExceptionally(
                    new ServiceUnavailableException("model '" + model + "' is shutting down", 1)));
            queue.clear();
        } finally {
            lock.unlock();
        }
    }
}
