package io.jdeepaas.runtime.versions;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * On a shared database (replicas), makes this replica serve what another replica made
 * {@code production}: the aliases are read every period (one small query) and a model whose
 * production moved is switched like a local promote ({@link VersionService#follow()}).
 */
public final class VersionFollower implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(VersionFollower.class);

    private final ScheduledExecutorService timer;

    private VersionFollower(ScheduledExecutorService timer) {
        this.timer = timer;
    }

    /** @return a follower checking every {@code period} */
    public static VersionFollower start(VersionService versions, Duration period) {
        ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "version-follower");
            t.setDaemon(true);
            return t;
        });
        timer.scheduleWithFixedDelay(() -> {
            try {
                versions.follow();
            } catch (RuntimeException e) {
                LOG.warn("cannot read the production versions: {}", e.getMessage());
            }
        }, period.toMillis(), period.toMillis(), TimeUnit.MILLISECONDS);
        return new VersionFollower(timer);
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
