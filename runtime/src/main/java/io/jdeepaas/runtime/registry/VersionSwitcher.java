package io.jdeepaas.runtime.registry;

import io.jdeepaas.runtime.errors.ModuleFailureException;
import io.jdeepaas.runtime.errors.ServiceUnavailableException;
import io.jdeepaas.spi.ModelEntryPoint;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Changes the version a model serves with no failed request: the new version is warmed in a new
 * module instance beside the served one, new calls go to it once it is ready, and the old instance
 * is closed in the background once its running calls (queued ones already go to the new instance)
 * have ended. When the new version fails to warm, nothing changes and the caller gets the reason.
 * One switch per model at a time.
 */
public final class VersionSwitcher implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(VersionSwitcher.class);

    private final ModelWarmer warmer;
    private final Duration drain;
    private final ExecutorService retirer = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "version-retire");
        t.setDaemon(true);
        return t;
    });

    /**
     * @param warmer warms the new instances
     * @param drain how long an old instance's calls may take to end before it is closed anyway
     */
    public VersionSwitcher(ModelWarmer warmer, Duration drain) {
        this.warmer = warmer;
        this.drain = drain;
    }

    /**
     * Serves {@code version} for {@code model}. A model that is not loaded now (unloaded to make
     * room, or loading) is left alone: it loads its production version when it is next loaded.
     *
     * @throws ModuleFailureException when the version fails to warm (the served version stays)
     * @throws ServiceUnavailableException when the model cannot load a second instance
     */
    public void serve(ModelHandle model, VersionToLoad version) {
        synchronized (model) {
            ModelState state = model.status().state();
            if (state == ModelState.READY && version.id().equals(model.version())) {
                return;
            }
            if (state == ModelState.FAILED && model.unusable() == null) {
                warmer.warm(model, version);
                if (!model.isReady()) {
                    throw new ModuleFailureException("version " + version.id() + " of model '" + model.name()
                            + "' failed to warm: " + model.status().error(), null);
                }
                return;
            }
            if (state != ModelState.READY) {
                return;
            }
            ModelHandle fresh;
            try {
                fresh = model.sibling();
            } catch (IllegalStateException e) {
                throw new ServiceUnavailableException(e.getMessage(), 0);
            }
            long start = System.nanoTime();
            warmer.warm(fresh, version);
            if (!fresh.isReady()) {
                close(fresh.module());
                throw new ModuleFailureException("version " + version.id() + " of model '" + model.name()
                        + "' failed to warm, version " + model.version() + " stays served: " + fresh.status().error(),
                        null);
            }
            ModelWrapper old = model.swap(fresh);
            LOG.info("model={} version={} served (was {}), warmed in {} ms", model.name(), version.id(), old.version(),
                    (System.nanoTime() - start) / 1_000_000);
            retirer.execute(() -> retire(model, old));
        }
    }

    /** Closes a replaced instance once no call uses it any more (at most the drain time). */
    private void retire(ModelHandle model, ModelWrapper old) {
        long deadline = System.nanoTime() + drain.toNanos();
        while (old.calls() > 0 && System.nanoTime() < deadline) {
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        if (old.calls() > 0) {
            LOG.warn("model={} version={} still had {} calls after {} s; closing it anyway", model.name(), old.version(),
                    old.calls(), drain.toSeconds());
        }
        close(old.module());
        LOG.info("model={} version={} unloaded (replaced)", model.name(), old.version());
    }

    private static void close(ModelEntryPoint module) {
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(module.getClass().getClassLoader());
        try {
            module.close();
        } catch (Exception e) {
            LOG.warn("model={} closing a replaced version failed: {}", module.name(), e.getMessage());
        } finally {
            thread.setContextClassLoader(previous);
        }
    }

    @Override
    public void close() {
        retirer.shutdown();
    }
}
