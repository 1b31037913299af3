package io.jdeepaas.runtime.inference;

import io.jdeepaas.runtime.config.PredictionLimits;
import io.jdeepaas.runtime.errors.ServiceUnavailableException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * One model's work: a queue of jobs (predictions and tensor inferences alike) and {@code workers}
 * places to run them, so both kinds share one budget per model. A job is accepted while it can
 * start at once or wait in one of {@code queue-size} places; otherwise it is refused.
 *
 * <p>Scheduling never makes a job wait for company: a job that finds a free place and nobody
 * queued starts at once, either on one of the lane's worker threads or, for a model whose calls
 * are known to be cheap, on the caller's own thread ({@link #tryRunHere}), which saves two thread
 * hand-offs. A worker takes the oldest job; a tensor job of a batching model then leads a batch of
 * the jobs already queued behind it that stack with it (up to {@code max-batch-size} rows; a job
 * that does not stack ends the batch). Only while every other place is busy, so that nothing
 * could start a newcomer anyway, does the batch wait for more, and then at most
 * {@code max-batch-delay}, until it is full, or until another place frees. Each place runs its own
 * batch, so several batches run in parallel; but a batching job starts only while fewer than
 * {@link #batchPlaces} places are busy, at most one per processor: batches that outnumber the cores
 * only split the waiting rows into smaller, slower engine calls competing for the same cores.
 *
 * <p>Threading: {@link #offer}, {@link #tryRunHere} and {@link #remove} from any thread; the
 * workers are the lane's own.
 */
final class ModelLane implements AutoCloseable {

    private final int workers;
    /** How many places a batching job may find busy and still start: the workers, at most one per processor. */
    private final int batchPlaces;
    private final int queueSize;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition work = lock.newCondition();
    private final Condition more = lock.newCondition();
    private final ArrayDeque<PredictionJob<?>> queue = new ArrayDeque<>();
    private final List<Thread> threads = new ArrayList<>();
    private int busy; // guarded by lock: places running or gathering a job (workers and callers' threads)
    private int idle; // guarded by lock: worker threads waiting for work
    private int gathering; // guarded by lock: workers waiting for more jobs to join their batch
    private boolean closed; // guarded by lock
    /** A moving mean of how long the model's jobs take (nanoseconds); unknown until the first ends. */
    private volatile long meanNanos = Long.MAX_VALUE;

    /** A model whose jobs take less than this on average runs them on the caller's thread when it can. */
    static final long CHEAP_NANOS = 1_000_000;

    ModelLane(String model, PredictionLimits limits) {
        this(model, limits, Runtime.getRuntime().availableProcessors());
    }

    /** @param processors the cores batches may run on at once */
    ModelLane(String model, PredictionLimits limits, int processors) {
        this.workers = limits.workers();
        this.batchPlaces = Math.max(1, Math.min(workers, processors));
        this.queueSize = limits.queueSize();
        for (int i = 1; i <= workers; i++) {
            Thread t = new Thread(this::serve, "predict-" + model + "-" + i);
            t.setDaemon(true);
            threads.add(t);
            t.start();
        }
    }

    /** @return false when every place is busy and the queue is full (the job was not queued) */
    boolean offer(PredictionJob<?> job) {
        lock.lock();
        try {
            if (closed || queue.size() >= queueSize + Math.max(0, workers - busy)) {
                return false;
            }
            queue.add(job);
            if (gathering > 0) {
                more.signalAll(); // joins the waiting batch, or ends its wait if it does not stack
            } else if (idle > 0 && busy < places(queue.peek())) {
                work.signal();
            }
            return true;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Takes a free place for the caller's thread when the model's jobs are cheap and nobody is
     * queued: running there saves waking a worker and handing the answer back.
     *
     * @return true when the caller may run one job now with {@link #runHere}
     */
    boolean tryRunHere(PredictionJob<?> job) {
        if (meanNanos >= CHEAP_NANOS) {
            return false;
        }
        lock.lock();
        try {
            if (closed || busy >= places(job) || !queue.isEmpty()) {
                return false;
            }
            busy++;
            return true;
        } finally {
            lock.unlock();
        }
    }

    /** Runs a job on the caller's thread in the place {@link #tryRunHere} took, then frees it. */
    void runHere(PredictionJob<?> job) {
        execute(List.of(job));
    }

    /** Runs jobs taken together (one, or a batch of tensor jobs), times them, frees their place. */
    private void execute(List<PredictionJob<?>> taken) {
        long started = System.nanoTime();
        java.util.concurrent.atomic.AtomicBoolean released = new java.util.concurrent.atomic.AtomicBoolean();
        Runnable release = () -> { // once: when the first answer is about to go out, or at the end
            if (released.compareAndSet(false, true)) {
                long took = System.nanoTime() - started;
                long mean = meanNanos;
                meanNanos = mean == Long.MAX_VALUE ? took : mean + (took - mean) / 8;
                lock.lock();
                try {
                    freed();
                } finally {
                    lock.unlock();
                }
            }
        };
        taken.forEach(job -> job.beforeAnswer(release));
        try {
            if (taken.get(0) instanceof TensorJob) {
                TensorJob.runBatch(taken.stream().map(TensorJob.class::cast).toList());
            } else {
                taken.get(0).run();
            }
        } catch (RuntimeException | Error e) {
            // a job ends itself; nothing may stop the worker
        } finally {
            release.run();
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

    /** @return jobs waiting for a place */
    int queued() {
        lock.lock();
        try {
            return Math.max(0, queue.size() - Math.max(0, workers - busy));
        } finally {
            lock.unlock();
        }
    }

    /** @return places running (or gathering) a job */
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
            execute(taken);
        }
    }

    /** @return how many busy places still let {@code job} start: fewer for a job that leads batches */
    private int places(PredictionJob<?> job) {
        return job instanceof TensorJob tensor && tensor.leads() ? batchPlaces : workers;
    }

    /** Guarded by lock: one place is free again; a waiting batch runs now, a queued job gets a worker. */
    private void freed() {
        busy--;
        if (gathering > 0) {
            more.signalAll();
        }
        if (!queue.isEmpty() && idle > 0) {
            work.signal();
        }
    }

    /** Blocks for the oldest job still queued, then gathers the tensor jobs that stack with it. */
    private List<PredictionJob<?>> next() throws InterruptedException {
        lock.lockInterruptibly();
        try {
            PredictionJob<?> first = null;
            while (first == null) {
                while (queue.isEmpty() || busy >= places(queue.peek())) {
                    if (closed) {
                        throw new InterruptedException("closed");
                    }
                    idle++;
                    try {
                        work.await();
                    } finally {
                        idle--;
                    }
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
            if (!queue.isEmpty() && busy < places(queue.peek()) && idle > 0) {
                work.signal();
            }
            return taken;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Guarded by lock: adds the queued jobs that stack with {@code lead}; waits for more only while
     * every other place is busy, at most the model's delay.
     */
    private void gather(TensorJob lead, List<PredictionJob<?>> batch) {
        long rows = lead.rows();
        long max = lead.batching().maxBatchSize();
        long deadline = System.nanoTime() + lead.batching().maxBatchDelay().toNanos();
        boolean waited = false;
        try {
            while (rows < max) {
                PredictionJob<?> next = queue.peek();
                if (next == null) {
                    long left = deadline - System.nanoTime();
                    if (left <= 0 || closed || batchPlaces == 1 || busy < batchPlaces) {
                        break; // a free place could start a newcomer at once: do not keep this batch waiting
                    }
                    if (!waited) {
                        gathering++;
                        waited = true;
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
            if (waited) {
                gathering--;
            }
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
