package io.jdeepaas.runtime.training;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Where training records, their metrics series and log lines are kept (artifacts stay on disk, see
 * {@link TrainingFolders}): the records, the queue, the replicas' leases on the trainings they run,
 * what trainings report, and the experiments. Every operation is atomic; the ones that change a status are conditional
 * on the current status, so several threads, or several runtime replicas sharing one database, may
 * call them at once: a queued training is claimed by exactly one, and an ended training never changes.
 */
public interface TrainingStore extends AutoCloseable {

    /** Stores a new record. */
    void insert(TrainingRecord record);

    /**
     * Saves the next state of a training that has not ended.
     *
     * @return false when the stored training has already ended or is gone, and nothing was saved
     */
    boolean update(TrainingRecord record);

    Optional<TrainingRecord> find(String uuid);

    /** @return the matching records, newest first */
    List<TrainingRecord> list(TrainingFilter filter);

    /** @return how many trainings of a model are waiting to run */
    long countQueued(String model);

    /** @return how many trainings there are in each status, for the metrics */
    Map<TrainingStatus, Long> countByStatus();

    /**
     * Takes the oldest queued training of one of the given models and marks it running for an owner.
     *
     * @param models the models this runtime can train now
     * @param owner the replica's id, kept with the training while it runs
     * @return the claimed training, now {@code running}, or empty when none waits
     */
    Optional<Claim> claimNextQueued(Collection<String> models, String owner);

    /**
     * A claimed training.
     *
     * @param record its record, {@code running}
     * @param cancelRequested whether a cancel was asked for while it was being claimed
     */
    record Claim(TrainingRecord record, boolean cancelRequested) {
    }

    /**
     * Records that someone asked to cancel a training (seen by its owner, wherever it runs); a running
     * one shows {@code cancelling} from now on, even while its owner keeps reporting progress.
     */
    void requestCancel(String uuid);

    /**
     * Ends a training that is still queued as {@code cancelled}.
     *
     * @return the cancelled record, or empty when it was no longer queued
     */
    Optional<TrainingRecord> cancelQueued(String uuid, String message);

    /**
     * Marks trainings whose owner stopped refreshing their heartbeat as {@code interrupted}.
     *
     * @param heartbeatBefore trainings whose last heartbeat is older than this (or absent) are taken
     * @param message the message the records get
     * @return the interrupted records
     */
    List<TrainingRecord> interruptStale(Instant heartbeatBefore, String message);

    /**
     * Refreshes the heartbeat of every running training of an owner.
     *
     * @return the uuids of those whose cancellation was requested
     */
    Set<String> heartbeat(String owner);

    /**
     * @return the uuids of an owner's running trainings whose cancellation was requested (a cheap read,
     *     polled more often than the heartbeat so a cancel asked through another replica arrives soon)
     */
    Set<String> cancelRequests(String owner);

    /**
     * Saves, in one transaction, what a running training reported since the last save: its metric
     * values and log lines are appended, then its record takes its next state (as {@link #update}).
     *
     * @param record the record's next state
     * @param metrics metric values, numbered after those already stored
     * @param logs log lines, numbered after those already stored
     * @return false when the stored training has already ended or is gone (the record was not saved)
     */
    boolean saveReport(TrainingRecord record, List<MetricPoint> metrics, List<LogLine> logs);

    /** @return a training's metric values with a sequence number above {@code afterSeq}, in order */
    List<MetricPoint> metrics(String uuid, long afterSeq);

    /** @return the last value of each metric of each training of an experiment: uuid -> name -> value */
    Map<String, Map<String, Double>> finalMetrics(String experiment);

    /** @return a training's log lines with a sequence number above {@code afterSeq}, in order */
    List<LogLine> logs(String uuid, long afterSeq);

    /** Removes a training with its metrics and logs. @return whether it existed */
    boolean delete(String uuid);

    /**
     * One group of trainings in an experiment.
     *
     * @param experiment the experiment
     * @param model the model
     * @param status the status
     * @param count how many
     * @param latest when the newest was created
     */
    record ExperimentGroup(String experiment, String model, TrainingStatus status, long count, Instant latest) {
    }

    /**
     * @param owner only the trainings of this owner, or {@code null} for every owner
     * @return the trainings that name an experiment, counted by experiment, model and status
     */
    List<ExperimentGroup> experimentGroups(String owner);

    @Override
    void close();
}
