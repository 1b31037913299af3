package io.jdeepaas.runtime.training;

import io.jdeepaas.runtime.errors.NotFoundException;
import io.jdeepaas.runtime.errors.TooManyRequestsException;
import io.jdeepaas.runtime.registry.ModelHandle;
import io.jdeepaas.spi.TrainRequest;
import io.jdeepaas.spi.TrainingCancelledException;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts, follows and cancels trainings. Trainings run on their own bounded pool
 * ({@code --train-workers}), apart from predictions, so a running training never blocks predict.
 * Every state change is saved in the {@link TrainingStore} as it happens.
 */
public final class TrainingService implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(TrainingService.class);

    private final TrainingStore store;
    private final ExecutorService executor;
    private final int queueSize;
    private final Duration cancelWait;
    private final Map<String, TrainingJob> active = new ConcurrentHashMap<>();
    private volatile boolean closing;

    /**
     * @param store where records live
     * @param workers trainings that may run at once
     * @param queueSize trainings that may wait per model before 429
     * @param cancelWait how long a cancel waits for a running training to stop before answering
     */
    public TrainingService(TrainingStore store, int workers, int queueSize, Duration cancelWait) {
        this.store = store;
        this.queueSize = queueSize;
        this.cancelWait = cancelWait;
        AtomicInteger count = new AtomicInteger();
        this.executor = Executors.newFixedThreadPool(workers, r -> {
            Thread t = new Thread(r, "training-" + count.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        recover();
    }

    /** @return the store, for reading metrics, logs and artifacts */
    public TrainingStore store() {
        return store;
    }

    /**
     * Queues a training and returns its record at once.
     *
     * @param model the model to train
     * @param request the validated arguments
     * @param shownArgs the arguments as the record shows them
     * @param uuid the training's id, chosen by the caller so uploads can be copied beforehand
     * @return the new record, {@code queued} (or already {@code running})
     */
    public synchronized TrainingRecord start(ModelHandle model, TrainRequest request, Map<String, Object> shownArgs,
                                             String uuid) {
        long waiting = active.values().stream().filter(j -> j.record().model().equals(model.name())
                && j.record().status() == TrainingStatus.QUEUED).count();
        if (waiting >= queueSize) {
            throw new TooManyRequestsException("model '" + model.name() + "' already has " + waiting
                    + " trainings waiting (--train-queue-size " + queueSize + "); retry later", 30);
        }
        TrainingRecord record = TrainingRecord.queued(uuid, model.name(), shownArgs);
        TrainingJob job = new TrainingJob(record, store, store.outputDir(model.name(), uuid),
                model.status().device());
        job.update(record);
        active.put(uuid, job);
        job.attach(executor.submit(() -> run(model, request, job)));
        LOG.info("model={} training={} status=queued", model.name(), uuid);
        return job.record();
    }

    /** @return a new training id: 32 lower-case hex digits */
    public static String newId() {
        return UUID.randomUUID().toString().replace("-", "");
    }

    public List<TrainingRecord> list(String model) {
        return store.list(model).stream().map(this::live).toList();
    }

    public TrainingRecord get(String model, String uuid) {
        return live(store.find(model, uuid).orElseThrow(() -> new NotFoundException("model '" + model
                + "' has no training '" + uuid + "'; list them at /v2/models/" + model + "/train/")));
    }

    /**
     * Cancels a training: a queued one at once; a running one is asked to stop, then interrupted,
     * and the answer waits a little for it to end.
     *
     * @return the record, {@code cancelled} once stopped (or {@code cancelling} if it has not yet);
     *     a training that had already ended is returned as it is
     */
    public TrainingRecord cancel(String model, String uuid) throws InterruptedException {
        TrainingRecord current = get(model, uuid);
        TrainingJob job = active.get(uuid);
        if (job == null || current.status().isFinal()) {
            return current;
        }
        LOG.info("model={} training={} cancel requested", model, uuid);
        job.requestCancel();
        long half = cancelWait.toMillis() / 2;
        if (!job.awaitEnd(half)) {
            job.interrupt();
            job.awaitEnd(cancelWait.toMillis() - half);
        }
        return job.record();
    }

    private TrainingRecord live(TrainingRecord stored) {
        TrainingJob job = active.get(stored.uuid());
        return job != null ? job.record() : stored;
    }

    private void run(ModelHandle model, TrainRequest request, TrainingJob job) {
        if (!job.begin(Thread.currentThread())) {
            active.remove(job.record().uuid());
            return;
        }
        String uuid = job.record().uuid();
        LOG.info("model={} training={} status=running", model.name(), uuid);
        Instant start = Instant.now();
        try {
            Object result = model.wrapper().train(request, job);
            double seconds = Duration.between(start, Instant.now()).toMillis() / 1000.0;
            Map<String, Object> shown = resultMap(result, seconds);
            TrainingStatus status = job.cancelRequested() ? TrainingStatus.CANCELLED : TrainingStatus.DONE;
            job.update(job.record().ended(status, shown, null));
        } catch (Throwable e) {
            if (job.cancelRequested() || e instanceof TrainingCancelledException) {
                job.update(job.record().ended(TrainingStatus.CANCELLED, null, "cancelled by request"));
            } else if (closing) {
                job.update(job.record().ended(TrainingStatus.INTERRUPTED, null, "the runtime stopped during this training"));
            } else {
                String message = e.getMessage() == null ? e.getClass().getName() : e.getMessage();
                LOG.error("model={} training={} status=error message={}", model.name(), uuid, message, e);
                job.update(job.record().ended(TrainingStatus.ERROR, null, message));
            }
            if (e instanceof VirtualMachineError vmError) {
                throw vmError;
            }
        } finally {
            job.finish();
            Thread.interrupted();
            active.remove(uuid);
            LOG.info("model={} training={} status={} duration={}s", model.name(), uuid,
                    job.record().status().label(), Duration.between(start, Instant.now()).toMillis() / 1000.0);
        }
    }

    private static Map<String, Object> resultMap(Object result, double seconds) {
        Map<String, Object> shown = new LinkedHashMap<>();
        if (result instanceof Map<?, ?> map) {
            map.forEach((k, v) -> shown.put(String.valueOf(k), v));
        } else if (result != null) {
            shown.put("value", result);
        }
        shown.put("duration", seconds);
        return shown;
    }

    /** Marks trainings that were running when the process stopped as interrupted. */
    private void recover() {
        for (TrainingRecord record : store.all()) {
            if (!record.status().isFinal()) {
                String message = record.status() == TrainingStatus.QUEUED
                        ? "the runtime stopped before this training started"
                        : "the runtime stopped while this training was running";
                store.save(record.ended(TrainingStatus.INTERRUPTED, null, message));
                LOG.warn("model={} training={} status=interrupted ({})", record.model(), record.uuid(), message);
            }
        }
    }

    /** Stops accepting trainings, interrupts running ones and records them as interrupted. */
    @Override
    public void close() {
        closing = true;
        executor.shutdownNow();
        for (TrainingJob job : active.values()) {
            TrainingRecord record = job.record();
            if (!record.status().isFinal()) {
                job.update(record.ended(TrainingStatus.INTERRUPTED, null, "the runtime stopped during this training"));
            }
        }
    }
}
