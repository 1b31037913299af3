package io.jdeepaas.runtime.registry;

import io.jdeepaas.runtime.errors.ConflictException;
import io.jdeepaas.runtime.errors.ServiceUnavailableException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Loads and unloads models while the server runs: at start-up, on request (the repository routes),
 * and, when a limit of loaded models is set, on first use.
 *
 * <p>With a limit of {@code N} loaded models, the first {@code N} are warmed at start-up and the
 * others are marked unloaded; a request for an unloaded model loads it, and before that the least
 * recently used loaded model is unloaded (its running predictions drained, then its module
 * closed), so no more than {@code N} models hold resources at any moment. Recency is kept in an
 * access-ordered map rather than a Caffeine size-bounded cache on purpose: Caffeine's bound is
 * W-TinyLFU (frequency-biased, not least-recently-used) and evicts after admitting the new entry,
 * which would briefly hold {@code N + 1} models' native memory.
 *
 * <p>A model unloaded on request stays unloaded (requests answer 503) until it is loaded on
 * request again; only models unloaded to make room are loaded on use.
 */
public final class ModelLoader implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ModelLoader.class);

    private volatile CompletableFuture<Void> startup;
    private final Map<String, ModelHandle> handles = new LinkedHashMap<>();
    private final ModelWarmer warmer;
    private final int maxLoaded;
    private final Duration drainWait;
    /** Loaded or loading models, least recently used first. */
    private final LinkedHashMap<String, ModelHandle> recency = new LinkedHashMap<>(16, 0.75f, true);
    private final Set<String> heldUnloaded = new HashSet<>();
    private final Map<String, CompletableFuture<ModelHandle>> loads = new HashMap<>();
    private final ExecutorService executor;

    /**
     * @param handles every served model
     * @param warmer warms and closes modules
     * @param maxLoaded how many models may be loaded at once, 0 for no limit
     * @param drainWait how long unloading waits for running predictions before closing anyway
     */
    public ModelLoader(Collection<ModelHandle> handles, ModelWarmer warmer, int maxLoaded, Duration drainWait) {
        handles.forEach(h -> this.handles.put(h.name(), h));
        this.warmer = warmer;
        this.maxLoaded = maxLoaded;
        this.drainWait = drainWait;
        AtomicInteger count = new AtomicInteger();
        this.executor = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "model-load-" + count.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    /** @return whether models beyond the limit are loaded on first use */
    public boolean loadsOnUse() {
        return maxLoaded > 0;
    }

    /** @return the limit of loaded models, 0 for none */
    public int maxLoaded() {
        return maxLoaded;
    }

    /**
     * Warms, one after the other in the background, the models loaded at start-up: all of them, or the
     * first {@code maxLoaded}; marks the others unloaded (loaded on first use).
     *
     * @return completes when every start-up model is ready or failed
     */
    /**
     * @return whether the start-up warming has ended (every model it warmed is ready or failed); later
     *     loads, reloads and unloads do not change this
     */
    public boolean startupDone() {
        CompletableFuture<Void> started = startup;
        return started != null && started.isDone();
    }

    public CompletableFuture<Void> warmAtStartup() {
        List<ModelHandle> now = new ArrayList<>();
        synchronized (this) {
            for (ModelHandle handle : handles.values()) {
                if (maxLoaded == 0 || now.size() < maxLoaded) {
                    now.add(handle);
                    recency.put(handle.name(), handle);
                } else {
                    handle.unloaded();
                    LOG.info("model={} state=unloaded reason=\"loaded on first use (--max-loaded-models {})\"",
                            handle.name(), maxLoaded);
                }
            }
        }
        startup = CompletableFuture.runAsync(() -> now.forEach(handle -> {
            warmer.warm(handle);
            forgetIfFailed(handle);
        }), executor);
        return startup;
    }

    /** Marks a use of a ready model, which makes it the most recently used. */
    public void touch(ModelHandle handle) {
        if (maxLoaded > 0) {
            synchronized (this) {
                recency.get(handle.name());
            }
        }
    }

    /**
     * Loads a model on request, or reloads it when it is loaded; first unloads the least recently used
     * models if the limit would be passed.
     *
     * @return completes with the handle when the load has ended (the model is then ready or failed)
     */
    public CompletableFuture<ModelHandle> load(ModelHandle handle) {
        synchronized (this) {
            heldUnloaded.remove(handle.name());
            return startLoad(handle, true);
        }
    }

    /**
     * Loads an unloaded model for a request and waits for it, at most {@code wait}.
     *
     * @return the ready handle
     * @throws ServiceUnavailableException 503 when it was unloaded on request, failed, or is still loading
     */
    ModelHandle loadForUse(ModelHandle handle, Duration wait) {
        CompletableFuture<ModelHandle> load;
        synchronized (this) {
            if (maxLoaded == 0 || heldUnloaded.contains(handle.name())) {
                throw new ServiceUnavailableException("model '" + handle.name() + "' is unloaded; load it with POST "
                        + "/v2/repository/models/" + handle.name() + "/load", 0);
            }
            load = startLoad(handle, false);
        }
        return await(handle, load, wait);
    }

    /**
     * Waits for a load under way, at most {@code wait}, when models load on use.
     *
     * @return the ready handle
     * @throws ServiceUnavailableException 503 with Retry-After when it is still loading
     */
    ModelHandle awaitLoad(ModelHandle handle, Duration wait) {
        CompletableFuture<ModelHandle> load;
        synchronized (this) {
            load = maxLoaded == 0 ? null : loads.get(handle.name());
        }
        if (load == null) {
            throw loading(handle);
        }
        return await(handle, load, wait);
    }

    private static ModelHandle await(ModelHandle handle, CompletableFuture<ModelHandle> load, Duration wait) {
        try {
            load.get(wait.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw loading(handle);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw loading(handle);
        } catch (ExecutionException e) {
            throw new ServiceUnavailableException("model '" + handle.name() + "' failed to load: "
                    + e.getCause().getMessage(), 0);
        }
        ModelHandle.Status status = handle.status();
        if (status.state() != ModelState.READY) {
            throw new ServiceUnavailableException("model '" + handle.name() + "' failed to load: " + status.error(), 0);
        }
        return handle;
    }

    private static ServiceUnavailableException loading(ModelHandle handle) {
        return new ServiceUnavailableException("model '" + handle.name() + "' is loading; retry shortly", 5);
    }

    /**
     * Unloads a model on request: it stops admitting predictions, waits for those running (at most the
     * drain wait), closes its module, and stays unloaded until loaded on request.
     */
    public void unload(ModelHandle handle) throws InterruptedException {
        if (handle.trainingsRunning() > 0) {
            throw new ConflictException("model '" + handle.name() + "' is training; cancel its training before"
                    + " unloading it");
        }
        CompletableFuture<ModelHandle> pending;
        synchronized (this) {
            heldUnloaded.add(handle.name());
            recency.remove(handle.name());
            pending = loads.get(handle.name());
        }
        if (pending != null) {
            pending.exceptionally(e -> handle).join();
        }
        if (handle.status().state() != ModelState.UNLOADED) {
            unloadNow(handle);
        }
    }

    /** Must hold the lock. */
    private CompletableFuture<ModelHandle> startLoad(ModelHandle handle, boolean reload) {
        String name = handle.name();
        CompletableFuture<ModelHandle> existing = loads.get(name);
        if (existing != null) {
            return existing;
        }
        if (!reload && handle.isReady()) {
            recency.get(name);
            return CompletableFuture.completedFuture(handle);
        }
        recency.remove(name);
        List<ModelHandle> victims = new ArrayList<>();
        List<CompletableFuture<ModelHandle>> victimLoads = new ArrayList<>();
        Iterator<ModelHandle> leastRecent = recency.values().iterator();
        while (maxLoaded > 0 && recency.size() - victims.size() >= maxLoaded && leastRecent.hasNext()) {
            ModelHandle victim = leastRecent.next();
            if (victim.trainingsRunning() > 0) {
                continue; // a model that is training is never evicted; the limit is exceeded meanwhile
            }
            victims.add(victim);
            victimLoads.add(loads.getOrDefault(victim.name(), CompletableFuture.completedFuture(victim)));
        }
        victims.forEach(v -> recency.remove(v.name()));
        recency.put(name, handle);
        boolean wasLoaded = handle.status().state() == ModelState.READY;
        if (!wasLoaded) {
            handle.loading();
        }
        CompletableFuture<ModelHandle> load = CompletableFuture.supplyAsync(() -> {
            for (int i = 0; i < victims.size(); i++) {
                victimLoads.get(i).exceptionally(e -> null).join();
                LOG.info("model={} unloading to make room for model={} (--max-loaded-models {})",
                        victims.get(i).name(), name, maxLoaded);
                unloadNow(victims.get(i));
            }
            if (wasLoaded) {
                unloadNow(handle);
            }
            warmer.warm(handle);
            return handle;
        }, executor);
        loads.put(name, load);
        load.whenComplete((h, e) -> {
            synchronized (this) {
                loads.remove(name);
            }
            forgetIfFailed(handle);
        });
        return load;
    }

    private synchronized void forgetIfFailed(ModelHandle handle) {
        if (handle.status().state() == ModelState.FAILED) {
            recency.remove(handle.name());
        }
    }

    private void unloadNow(ModelHandle handle) {
        try {
            if (!handle.drain(drainWait)) {
                LOG.warn("model={} closing with {} predictions still running after {} ms", handle.name(),
                        handle.inFlight(), drainWait.toMillis());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        warmer.unload(handle);
        LOG.info("model={} state=unloaded", handle.name());
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }
}
