package io.jdeepaas.runtime.training;

import io.jdeepaas.runtime.args.ArgumentParser;
import io.jdeepaas.runtime.errors.ConflictException;
import io.jdeepaas.runtime.errors.NotFoundException;
import io.jdeepaas.runtime.errors.TooManyRequestsException;
import io.jdeepaas.runtime.registry.ModelHandle;
import io.jdeepaas.runtime.registry.ModelRegistry;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts, follows, cancels, retries and purges trainings. Every state lives in the
 * {@link TrainingStore}; the {@link TrainingDispatcher} runs queued trainings on their own bounded
 * pool, apart from predictions, so a running training never blocks predict. This service owns the
 * store and closes it.
 */
public final class TrainingService implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(TrainingService.class);
    private static final Pattern UUID_HEX = Pattern.compile("[0-9a-f]{32}");
    /** With a shared database, a folder younger than this may belong to a training another replica is storing. */
    private static final Duration SHARED_SWEEP_GRACE = Duration.ofMinutes(10);

    private final TrainingStore store;
    private final TrainingFolders folders;
    private final TrainingSignals signals = new TrainingSignals();
    private final TrainingDispatcher dispatcher;
    private final TrainingSettings settings;
    private final TrainingFeed feed;

    /**
     * Recovers what the last run left (running trainings become {@code interrupted}, queued ones
     * wait for their turn) and starts running queued trainings.
     *
     * @param store where records live
     * @param folders where artifacts and kept uploads live
     * @param registry the served models
     * @param parser checks stored arguments again before each run
     * @param settings workers, queue size and timing
     */
    public TrainingService(TrainingStore store, TrainingFolders folders, ModelRegistry registry, ArgumentParser parser,
                           TrainingSettings settings) {
        this(store, folders, registry, parser, settings, null);
    }

    /**
     * As above, with trainings run by the given runner (e.g. each in a child JVM).
     *
     * @param runner runs a module's train; {@code null} runs it on the worker thread itself
     */
    public TrainingService(TrainingStore store, TrainingFolders folders, ModelRegistry registry, ArgumentParser parser,
                           TrainingSettings settings, TrainingRunner runner) {
        this(store, folders, registry, parser, settings, runner, TrainedModels.NONE);
    }

    /**
     * As above, with the model folder of each training that ends {@code done} kept as a version.
     *
     * @param trained keeps the model folders
     */
    public TrainingService(TrainingStore store, TrainingFolders folders, ModelRegistry registry, ArgumentParser parser,
                           TrainingSettings settings, TrainingRunner runner, TrainedModels trained) {
        this.store = store;
        this.folders = folders;
        this.settings = settings;
        this.dispatcher = new TrainingDispatcher(store, folders, signals, registry, parser, settings, runner,
                trained);
        this.feed = new TrainingFeed(store, signals);
        recover();
        sweep();
        dispatcher.start();
    }

    /** @return a new training id: 32 lower-case hex digits */
    public static String newId() {
        return UUID.randomUUID().toString().replace("-", "");
    }

    /**
     * Queues a training and returns its record at once; the dispatcher starts it when a worker is free.
     * Nothing is written for a training that is refused: its uploaded files are kept (copied into its
     * {@code inputs/} folder) only once its queue has room, and removed again if it is refused then.
     *
     * @param model the model to train (ready)
     * @param values the parsed arguments; uploaded files are kept for the run (see {@link TrainingArguments#keep})
     * @param experiment the experiment, or {@code null}
     * @param owner who starts it (see {@link TrainingRecord#owner()})
     * @return the new record, {@code queued}
     * @throws TooManyRequestsException when the model's queue is full
     */
    public TrainingRecord submit(ModelHandle model, Map<String, Object> values, String experiment, String owner) {
        return submit(model, experiment, null, owner, inputs -> TrainingArguments.keep(values, inputs));
    }

    /**
     * Starts a new training with the arguments (and kept uploads) and experiment of another one; the
     * new training is owned by whoever retries it.
     *
     * @param viewer the caller, who must see the original
     * @return the new record, with {@code retry_of} naming the original
     */
    public TrainingRecord retry(ModelHandle model, String uuid, TrainingViewer viewer) {
        TrainingRecord original = get(model.name(), uuid, viewer);
        return submit(model, original.experiment(), original.uuid(), viewer.owner(), inputs -> {
            folders.copyInputs(model.name(), original.uuid(), inputs);
            return original.args();
        });
    }

    /**
     * @param keep keeps the new training's inputs in the folder it is given and returns its arguments as stored
     */
    private TrainingRecord submit(ModelHandle model, String experiment, String retryOf, String owner,
                                  Function<Path, Map<String, Object>> keep) {
        checkRoom(model); // refused before anything is written
        String uuid = newId();
        TrainingRecord record;
        try {
            Map<String, Object> kept = keep.apply(folders.inputDir(model.name(), uuid));
            synchronized (this) {
                checkRoom(model);
                record = TrainingRecord.queued(uuid, model.name(), experiment, kept, retryOf, owner);
                store.insert(record);
            }
        } catch (RuntimeException e) {
            folders.delete(model.name(), uuid);
            throw e;
        }
        signals.signal();
        dispatcher.wake();
        LOG.info("model={} training={} status=queued{}{}", model.name(), uuid,
                experiment == null ? "" : " experiment=" + experiment, retryOf == null ? "" : " retry_of=" + retryOf);
        return record;
    }

    /** @throws TooManyRequestsException when the model's queue is full */
    private void checkRoom(ModelHandle model) {
        long waiting = store.countQueued(model.name());
        if (waiting >= settings.queueSize()) {
            throw new TooManyRequestsException("model '" + model.name() + "' already has " + waiting
                    + " trainings waiting (--train-queue-size " + settings.queueSize() + "); retry later", 30);
        }
    }

    /** @return the matching trainings the viewer may see, newest first */
    public List<TrainingRecord> list(TrainingFilter filter, TrainingViewer viewer) {
        return store.list(filter.seenBy(viewer));
    }

    /**
     * @return one training of a model
     * @throws NotFoundException when there is none, or the viewer may not see it
     */
    public TrainingRecord get(String model, String uuid, TrainingViewer viewer) {
        return find(model, uuid).filter(viewer::sees).orElseThrow(() -> new NotFoundException("model '" + model
                + "' has no training '" + uuid + "'; list them at /v2/models/" + model + "/train/"));
    }

    private Optional<TrainingRecord> find(String model, String uuid) {
        if (uuid == null || !UUID_HEX.matcher(uuid).matches()) {
            return Optional.empty();
        }
        return store.find(uuid).filter(r -> r.model().equals(model));
    }

    /**
     * Cancels a training and keeps its record: a queued one ends at once; a running one is asked to
     * stop, then interrupted, and the answer waits a little for it to end.
     *
     * @return the record, {@code cancelled} once stopped (or {@code cancelling} if it has not yet);
     *     a training that had already ended is returned as it is
     */
    public TrainingRecord cancel(String model, String uuid, TrainingViewer viewer) throws InterruptedException {
        TrainingRecord current = get(model, uuid, viewer);
        if (current.isFinal()) {
            return current;
        }
        LOG.info("model={} training={} cancel requested", model, uuid);
        store.requestCancel(uuid);
        Optional<TrainingRecord> unstarted = store.cancelQueued(uuid, "cancelled before it started");
        if (unstarted.isPresent()) {
            signals.signal();
            LOG.info("model={} training={} status=cancelled (before it started)", model, uuid);
            return unstarted.get();
        }
        long start = System.nanoTime();
        long waitMillis = settings.cancelWait().toMillis();
        boolean interrupted = false;
        while (true) {
            long seen = signals.version();
            long elapsed = (System.nanoTime() - start) / 1_000_000L;
            Optional<TrainingJob> job = dispatcher.job(uuid);
            if (job.isPresent()) {
                if (!job.get().cancelRequested()) {
                    job.get().requestCancel();
                }
                if (!interrupted && elapsed >= waitMillis / 2) {
                    job.get().interrupt();
                    interrupted = true;
                }
            }
            TrainingRecord now = get(model, uuid, viewer);
            if (now.isFinal() || elapsed >= waitMillis) {
                return now;
            }
            signals.await(seen, Math.min(50, waitMillis - elapsed));
        }
    }

    /**
     * Removes an ended training: its record, metrics, logs, artifacts and kept uploads.
     *
     * @return the record as it was
     * @throws ConflictException when the training has not ended
     */
    public TrainingRecord purge(String model, String uuid, TrainingViewer viewer) {
        TrainingRecord current = get(model, uuid, viewer);
        if (!current.isFinal()) {
            throw new ConflictException("training '" + uuid + "' is " + current.status().label()
                    + "; cancel it first (DELETE without purge), then purge it");
        }
        store.delete(uuid);
        folders.delete(model, uuid);
        signals.signal();
        LOG.info("model={} training={} purged", model, uuid);
        return current;
    }

    /**
     * The full metrics series of a training.
     *
     * @param uuid the training
     * @param model its model
     * @param series per metric name, its values in the order reported
     */
    public record MetricSeries(String uuid, String model, Map<String, List<Point>> series) {

        /**
         * @param step the step
         * @param value the value
         * @param time when it was reported
         */
        public record Point(long step, Double value, Instant time) {
        }
    }

    /** @return every metric value the training reported, grouped by metric name */
    public MetricSeries metrics(String model, String uuid, TrainingViewer viewer) {
        TrainingRecord record = get(model, uuid, viewer);
        Map<String, List<MetricSeries.Point>> series = new LinkedHashMap<>();
        for (MetricPoint p : store.metrics(uuid, 0)) {
            series.computeIfAbsent(p.name(), k -> new java.util.ArrayList<>())
                    .add(new MetricSeries.Point(p.step(), p.value(), p.time()));
        }
        return new MetricSeries(record.uuid(), record.model(), series);
    }

    /**
     * @param uuid the training
     * @param model its model
     * @param status its status when read
     * @param lines its log lines, in order
     */
    public record Logs(String uuid, String model, TrainingStatus status, List<LogLine> lines) {
    }

    /** @return the training's log lines */
    public Logs logs(String model, String uuid, TrainingViewer viewer) {
        TrainingRecord record = get(model, uuid, viewer);
        return new Logs(uuid, model, record.status(), store.logs(uuid, 0));
    }

    /** @return the files in the training's output folder */
    public List<ArtifactFile> artifacts(String model, String uuid, TrainingViewer viewer) {
        get(model, uuid, viewer);
        return Artifacts.list(folders.outputDir(model, uuid));
    }

    /** @return one file of the training's output folder, never one outside it */
    public Path artifact(String model, String uuid, String name, TrainingViewer viewer) {
        get(model, uuid, viewer);
        return Artifacts.resolve(folders.outputDir(model, uuid), name);
    }

    /** @return the feed of every training's events, for the event streams (check the training with {@link #get}) */
    public TrainingFeed feed() {
        return feed;
    }

    /** Marks trainings left running by a stopped process as interrupted; queued ones stay queued. */
    private void recover() {
        Instant cutoff = settings.exclusiveDatabase() ? Instant.now().plusSeconds(1)
                : Instant.now().minus(settings.staleAfter());
        for (TrainingRecord record : store.interruptStale(cutoff,
                "the runtime stopped while this training was running; retry it to run it again")) {
            LOG.warn("model={} training={} status=interrupted (the runtime stopped while it ran)", record.model(),
                    record.uuid());
        }
    }

    /**
     * Removes the training folders no record owns (left by requests refused before this version kept
     * nothing for them, or by a crash between keeping a training's files and storing its record).
     */
    private void sweep() {
        Set<String> known = new HashSet<>();
        store.list(TrainingFilter.all()).forEach(r -> known.add(r.uuid()));
        int swept = folders.sweep(known::contains, settings.exclusiveDatabase() ? Duration.ZERO : SHARED_SWEEP_GRACE);
        if (swept > 0) {
            LOG.info("removed the inputs of {} training folders that no training owns", swept);
        }
    }

    /** Stops running trainings (recorded as interrupted) and closes the store. */
    @Override
    public void close() {
        feed.close();
        dispatcher.close();
        store.close();
    }
}
