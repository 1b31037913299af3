package io.jdeepaas.runtime.training;

import io.jdeepaas.runtime.args.ArgumentParser;
import io.jdeepaas.runtime.registry.ModelHandle;
import io.jdeepaas.runtime.registry.ModelRegistry;
import io.jdeepaas.spi.TrainRequest;
import io.jdeepaas.spi.TrainingCancelledException;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs queued trainings: one thread claims the oldest queued training of a ready model from the
 * store whenever a worker is free ({@code --train-workers}), and hands it to the worker pool. The
 * queue lives in the database, not in memory, so trainings queued before a restart run after it,
 * and replicas sharing a database each claim different ones. A heartbeat refreshes the trainings
 * this process runs, passes on cancellations asked through another replica, and interrupts trainings
 * whose owner stopped beating.
 */
final class TrainingDispatcher implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(TrainingDispatcher.class);

    private final TrainingStore store;
    private final TrainingFolders folders;
    private final TrainingSignals signals;
    private final ModelRegistry registry;
    private final ArgumentParser parser;
    private final TrainingSettings settings;
    private final TrainingRunner runner;
    private final Semaphore slots;
    private final ExecutorService workers;
    private final ScheduledExecutorService heartbeat;
    private final ScheduledExecutorService saver;
    private final BlockingQueue<Boolean> wake = new LinkedBlockingQueue<>();
    private final Map<String, TrainingJob> active = new ConcurrentHashMap<>();
    private final Thread claimer;
    private volatile boolean closed;

    private final TrainedModels trained;

    TrainingDispatcher(TrainingStore store, TrainingFolders folders, TrainingSignals signals, ModelRegistry registry,
                       ArgumentParser parser, TrainingSettings settings, TrainingRunner runner,
                       TrainedModels trained) {
        this.trained = trained;
        this.store = store;
        this.folders = folders;
        this.signals = signals;
        this.registry = registry;
        this.parser = parser;
        this.settings = settings;
        this.runner = runner != null ? runner : this::trainOnThisThread;
        this.slots = new Semaphore(settings.workers());
        AtomicInteger count = new AtomicInteger();
        this.workers = Executors.newFixedThreadPool(settings.workers(), r -> daemon(r, "training-" + count.incrementAndGet()));
        this.heartbeat = Executors.newSingleThreadScheduledExecutor(r -> daemon(r, "training-heartbeat"));
        this.saver = Executors.newSingleThreadScheduledExecutor(r -> daemon(r, "training-reports"));
        this.claimer = daemon(this::claimLoop, "training-dispatcher");
    }

    void start() {
        claimer.start();
        long every = settings.heartbeatEvery().toMillis();
        heartbeat.scheduleWithFixedDelay(this::beat, every, every, TimeUnit.MILLISECONDS);
        if (!settings.exclusiveDatabase()) {
            long poll = cancelPollMillis(settings);
            heartbeat.scheduleWithFixedDelay(this::pollCancels, poll, poll, TimeUnit.MILLISECONDS);
        }
    }

    /**
     * How often a replica sharing the database looks for cancellations of its trainings asked through
     * another replica: every second, or every heartbeat if that is more often. A cancel asked on
     * replica B thus reaches the training on replica A within this time (plus one query).
     */
    static long cancelPollMillis(TrainingSettings settings) {
        return Math.min(1000, settings.heartbeatEvery().toMillis());
    }

    private void pollCancels() {
        if (active.isEmpty()) {
            return;
        }
        try {
            passOnCancels(store.cancelRequests(settings.owner()));
        } catch (RuntimeException e) {
            if (!closed) {
                LOG.warn("cannot read cancel requests: {}", e.getMessage());
            }
        }
    }

    private void passOnCancels(java.util.Set<String> uuids) {
        for (String uuid : uuids) {
            TrainingJob job = active.get(uuid);
            if (job != null && !job.cancelRequested()) {
                LOG.info("model={} training={} cancel requested through another replica", job.record().model(), uuid);
                job.requestCancel();
            }
        }
    }

    /** Tells the dispatcher a training was queued. */
    void wake() {
        wake.offer(Boolean.TRUE);
    }

    /** @return the job of a training running in this process */
    Optional<TrainingJob> job(String uuid) {
        return Optional.ofNullable(active.get(uuid));
    }

    private void claimLoop() {
        while (!closed) {
            try {
                slots.acquire();
                Optional<TrainingStore.Claim> claim;
                try {
                    claim = store.claimNextQueued(readyModels(), settings.owner());
                } catch (RuntimeException e) {
                    slots.release();
                    if (closed) {
                        return; // the runtime is stopping: the database may be going away
                    }
                    LOG.error("cannot claim a queued training: {}", e.getMessage(), e);
                    wake.poll(1, TimeUnit.SECONDS);
                    continue;
                }
                if (claim.isEmpty()) {
                    slots.release();
                    wake.poll(1, TimeUnit.SECONDS);
                    wake.clear();
                    continue;
                }
                launch(claim.get());
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private List<String> readyModels() {
        return registry.all().stream().filter(ModelHandle::isReady).filter(m -> m.wrapper().trains())
                .map(ModelHandle::name).toList();
    }

    private void launch(TrainingStore.Claim claim) {
        TrainingRecord record = claim.record();
        ModelHandle model = registry.get(record.model());
        model.trainingStarted(); // first, not on the worker: the record already says running
        TrainingJob job;
        try {
            job = new TrainingJob(record, claim.cancelRequested(), store, signals, saver,
                    folders.outputDir(record.model(), record.uuid()), folders.inputDir(record.model(), record.uuid()),
                    model.status().device());
        } catch (RuntimeException e) {
            model.trainingEnded();
            throw e;
        }
        active.put(record.uuid(), job);
        signals.signal();
        try {
            workers.execute(() -> {
                try {
                    run(model, job);
                } finally {
                    model.trainingEnded();
                    active.remove(record.uuid());
                    slots.release();
                    wake();
                }
            });
        } catch (RuntimeException e) {
            model.trainingEnded();
            active.remove(record.uuid());
            slots.release();
            job.update(record.ended(TrainingStatus.INTERRUPTED, null, "the runtime stopped before this training ran"));
        }
    }

    private void run(ModelHandle model, TrainingJob job) {
        String uuid = job.record().uuid();
        job.begin(Thread.currentThread());
        LOG.info("model={} training={} status=running", model.name(), uuid);
        Instant start = Instant.now();
        try {
            Object result = runner.train(model, job);
            double seconds = Duration.between(start, Instant.now()).toMillis() / 1000.0;
            TrainingStatus status = job.cancelRequested() ? TrainingStatus.CANCELLED : TrainingStatus.DONE;
            Map<String, Object> shown = resultMap(result, seconds);
            if (status == TrainingStatus.DONE) {
                keepModel(job, shown);
            }
            job.update(job.record().ended(status, shown,
                    status == TrainingStatus.CANCELLED ? "cancelled by request" : null));
        } catch (Throwable e) {
            if (job.record().isFinal()) {
                LOG.info("model={} training={} stopped: {}", model.name(), uuid, job.record().message());
            } else if (job.cancelRequested() || e instanceof TrainingCancelledException) {
                job.update(job.record().ended(TrainingStatus.CANCELLED, null,
                        e instanceof TrainingKilledException ? e.getMessage() : "cancelled by request"));
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
            LOG.info("model={} training={} status={} duration={}s", model.name(), uuid,
                    job.record().status().label(), Duration.between(start, Instant.now()).toMillis() / 1000.0);
        }
    }

    /** Keeps the model folder of a finished training as a version; its id goes into the result. */
    private void keepModel(TrainingJob job, Map<String, Object> shown) {
        try {
            trained.register(job.record(), job.folder().resolve("model")).ifPresent(id -> shown.put("version", id));
        } catch (RuntimeException e) {
            throw new IllegalStateException("the training finished but its model could not be kept as a version: "
                    + e.getMessage(), e);
        }
    }

    /** {@code --train-isolation thread}: the module trains on the worker thread itself. */
    private Object trainOnThisThread(ModelHandle model, RunningTraining training) throws Exception {
        TrainRequest request = TrainingArguments.rebuild(model.module().trainArguments(), training.args(),
                training.inputDir(), parser);
        return model.wrapper().train(request, training);
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

    private void beat() {
        try {
            passOnCancels(store.heartbeat(settings.owner()));
            if (!settings.exclusiveDatabase()) {
                for (TrainingRecord r : store.interruptStale(Instant.now().minus(settings.staleAfter()),
                        "the replica running this training stopped (no heartbeat for " + settings.staleAfter().toSeconds()
                                + " s)")) {
                    LOG.warn("model={} training={} status=interrupted (its replica stopped)", r.model(), r.uuid());
                }
            }
        } catch (RuntimeException e) {
            if (!closed) {
                LOG.warn("training heartbeat failed: {}", e.getMessage());
            }
        }
    }

    /**
     * Stops claiming and beating, records the running trainings as interrupted (with what they had
     * reported) and interrupts them. Returns once nothing of the dispatcher uses the store any more,
     * so the caller may close it.
     */
    @Override
    public void close() {
        closed = true;
        claimer.interrupt();
        heartbeat.shutdown();
        join(claimer);
        await(heartbeat);
        for (TrainingJob job : active.values()) {
            job.update(job.record().ended(TrainingStatus.INTERRUPTED, null, "the runtime stopped during this training"));
        }
        workers.shutdownNow();
        try {
            workers.awaitTermination(2, TimeUnit.SECONDS); // a module that ignores interrupts is left behind
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        saver.shutdown();
        await(saver);
    }

    private static void join(Thread thread) {
        try {
            thread.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void await(ExecutorService executor) {
        try {
            if (!executor.awaitTermination(10, TimeUnit.SECONDS)) {
                LOG.warn("training threads still running after 10 s: {}", executor);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static Thread daemon(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }
}
