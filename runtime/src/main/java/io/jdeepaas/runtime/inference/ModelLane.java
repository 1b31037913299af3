package io.jdeepaas.runtime.inference;

import io.jdeepaas.runtime.config.PredictionLimits;
import io.jdeepaas.runtime.errors.ServiceUnavailableException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * One model's work: a queue of jobs (predictions and tensor inferences alike) served by the
 * model's {@code workers} threads, so both kinds share one budget per model. A job is accepted
 * while it can start at once or wait in one of {@code queue-size} places; otherwise it is refused.
 *
 * <p>A worker takes the oldest job. A tensor job of a batching model then leads a batch: the
 * worker keeps taking the jobs at the head of the queue that stack with it, until the batch is
 * full or the model's {@code max-batch-delay} has passed, and runs them as one engine call
 * ({@link TensorJob#runBatch}). While a worker gathers, a new tensor job goes to its batch rather
 * than waking an idle worker; a job that does not stack ends the gathering.
 *
 * <p>Threading: {@link #offer} and {@link #remove} from any thread; the workers are the lane's own.
 */
final class ModelLane implements AutoCloseable {

    private final int workers;
    private final int queueSize;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition work = lock.newCondition();
    private final Condition more = lock.newCondition();
    private final ArrayDeque<PredictionJob<?>> queue = new ArrayDeque<>();
    private final List<Thread> threads = new ArrayList<>();
    private int busy; // guarded by lock: workers holding a job
    private int gathering; // guarded by lock: workers gathering a batch
    private boolean closed; // guarded by lock

    ModelLane(String model, PredictionLimits limits) {
        this.workers = limits.workers();
        this.queueSize = limits.queueSize();
        for (int i = 1; i <= workers; i++) {
            Thread t = new Thread(this::serve, "predict-" + model + "-" + i);
            t.setDaemon(true);
            threads.add(t);
            t.start();
        }
    }

    /** @return false when every worker is busy and the queue is full (the job was not queued) */
    boolean offer(PredictionJob<?> job) {
        lock.lock();
        try {
            if (closed || queue.size() >= queueSize + (workers - busy)) {
                return false;
            }
            queue.add(job);
            if (gathering > 0) {
                more.signalAll();
            }
            if (gathering == 0 || !(job instanceof TensorJob)) {
                work.signal();
            }
            return true;
        } finally {
            lock.unlock();
        }
    }

    /** Frees a dropped job's place in the queue now. */
    void remove(PredictionJob<?> job) {
        lock.lock();
        try {
            queue.remove(job);
        } finally {
            lock.unlock();
        }
    }

    /** @return jobs waiting for a worker */
    int queued() {
        lock.lock();
        try {
            return Math.max(0, queue.size() - (workers - busy));
        } finally {
            lock.unlock();
        }
    }

    /** @return workers running (or gathering) a job */
    int active() {
        lock.lock();
        try {
            return busy;
        } finally {
            lock.unlock();
        }
    }

    private void serve() {
        while (true) {
            List<PredictionJob<?>> taken;
            try {
                taken = next();
            } catch (InterruptedException e) {
                return;
            }
            try {
                if (taken.get(0) instanceof TensorJob) {
                    TensorJob.runBatch(taken.stream().map(TensorJob.class::cast).toList());
                } else {
                    taken.get(0).run();
                }
            } catch (RuntimeException | Error e) {
                // a job ends itself; nothing may stop the worker
            } finally {
                lock.lock();
                try {
                    busy--;
                } finally {
                    lock.unlock();
                }
            }
        }
    }

    /** Blocks for the oldest job still queued, then gathers the tensor jobs that stack with it. */
    private List<PredictionJob<?>> next() throws InterruptedException {
        lock.lockInterruptibly();
        try {
            PredictionJob<?> first = null;
            while (first == null) {
                while (queue.isEmpty()) {
                    if (closed) {
                        throw new InterruptedException("closed");
                    }
                    work.await();
                }
                PredictionJob<?> head = queue.poll();
                if (head.queued()) {
                    first = head;
                }
            }
            busy++;
            List<PredictionJob<?>> taken = new ArrayList<>();
            taken.add(first);
            if (first instanceof TensorJob lead && lead.leads()) {
                gather(lead, taken);
            }
            if (!queue.isEmpty() && busy < workers) {
                work.signal();
            }
            return taken;
        } finally {
            lock.unlock();
        }
    }

    private void gather(TensorJob lead, List<PredictionJob<?>> batch) {
        long rows = lead.rows();
        long deadline = System.nanoTime() + lead.batching().maxBatchDelay().toNanos();
        gathering++;
        try {
            while (rows < lead.batching().maxBatchSize()) {
                PredictionJob<?> next = queue.peek();
                if (next == null) {
                    long left = deadline - System.nanoTime();
                    if (left <= 0 || closed) {
                        break;
                    }
                    more.awaitNanos(left);
                    continue;
                }
                if (!next.queued()) {
                    queue.poll();
                    continue;
                }
                if (!lead.joins(next, rows)) {
                    break;
                }
                queue.poll();
                batch.add(next);
                rows += ((TensorJob) next).rows();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt(); // closing: run what was gathered, then stop
        } finally {
            gathering--;
        }
    }

    /** Stops the workers; queued jobs are answered 503. */
    @Override
    public void close() {
        List<PredictionJob<?>> left;
        lock.lock();
        try {
            closed = true;
            left = new ArrayList<>(queue);
            queue.clear();
            work.signalAll();
            more.signalAll();
        } finally {
            lock.unlock();
        }
        threads.forEach(Thread::interrupt);
        left.forEach(job -> job.abandon(new ServiceUnavailableException("the runtime is shutting down", 1)));
    }
}
