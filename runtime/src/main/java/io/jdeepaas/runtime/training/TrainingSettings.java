package io.jdeepaas.runtime.training;

import java.time.Duration;

/**
 * How trainings are run.
 *
 * @param workers trainings that may run at once in this process ({@code --train-workers})
 * @param queueSize trainings that may wait per model before 429 ({@code --train-queue-size})
 * @param cancelWait how long a cancel waits for a running training to stop before answering
 * @param owner this replica's id, kept with each training it runs
 * @param heartbeatEvery how often this replica refreshes the heartbeat of its running trainings
 * @param staleAfter a running training whose heartbeat is older than this is taken as interrupted
 * @param exclusiveDatabase whether this process alone uses the database (the embedded file): then,
 *     at start, every training left running is interrupted at once
 */
public record TrainingSettings(int workers, int queueSize, Duration cancelWait, String owner,
                               Duration heartbeatEvery, Duration staleAfter, boolean exclusiveDatabase) {

    /**
     * @return settings with the default timing: cancel waits 2 s, heartbeat every 5 s, stale after 30 s
     */
    public static TrainingSettings of(int workers, int queueSize, String owner, boolean exclusiveDatabase) {
        return new TrainingSettings(workers, queueSize, Duration.ofSeconds(2), owner, Duration.ofSeconds(5),
                Duration.ofSeconds(30), exclusiveDatabase);
    }

    /** @return these settings with another heartbeat interval and timeout */
    public TrainingSettings withHeartbeat(Duration every, Duration stale) {
        return new TrainingSettings(workers, queueSize, cancelWait, owner, every, stale, exclusiveDatabase);
    }

    /** @return an id for this process: host name, process id and a random part */
    public static String newOwnerId() {
        String host;
        try {
            host = java.net.InetAddress.getLocalHost().getHostName();
        } catch (java.io.IOException e) {
            host = "localhost";
        }
        return host + ":" + ProcessHandle.current().pid() + ":"
                + Long.toHexString(java.util.concurrent.ThreadLocalRandom.current().nextLong() & 0xffffffL);
    }
}
