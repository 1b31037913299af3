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
import java.util.function.Supplier;
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
 * which would briefly hold {@code N + 1} models' native memory. A version loaded beside its model's
 * served one for a versioned route ({@link #loadVersion}) is counted and evicted like a model, under
 * its own key ({@code iris/2}).
 *
 * <p>A model unloaded on request stays unloaded (requests answer 503) until it is loaded on
 * request again; only models unloaded to make room are loaded on use.
 *
 * <p>Loads and unloads of one model run one after the other, in the order they were asked for: each
 * is appended to the model's chain of operations and runs once the one before it has ended (a load
 * that makes room also waits for the unloads it asked of other models, which were asked before it).
 * Each answers with the model's state at its own end, so a load answers ready (or failed) and an
 * unload answers unloaded, whatever is asked after them. A load asked while another load of the same
 * model is still waiting to run, with nothing asked in between, shares that load.
 */
public final class ModelLoader implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ModelLoader.class);
    private static final CompletableFuture<Void> DONE = CompletableFuture.completedFuture(null);

    private volatile CompletableFuture<Void> startup;
    private final Map<String, ModelHandle> handles = new LinkedHashMap<>();
    private final ModelWarmer warmer;
    private final int maxLoaded;
    private final Duration drainWait;
    // guarded by this:
    /** Loaded or loading models, least recently used first. */
    private final LinkedHashMap<String, ModelHandle> recency = new LinkedHashMap<>(16, 0.75f, true);
    private final Set<String> heldUnloaded = new HashSet<>();
    /** Each model's last operation; completes, never exceptionally, once it has run. */
    private final Map<String, CompletableFuture<Void>> tails = new HashMap<>();
    /** A model's load that is the last operation asked of it and has not ended yet. */
    private final Map<String, CompletableFuture<ModelHandle.Status>> loads = new HashMap<>();
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
     * @return whether the start-up warming has ended (every model it warmed is ready or failed); later
     *     loads, reloads and unloads do not change this
     */
    public boolean startupDone() {
        CompletableFuture<Void> started = startup;
        return started != null && started.isDone();
    }

    /**
     * Warms, one after the other in the background, the models loaded at start-up: all of them, or the
     * first {@code maxLoaded}; marks the others unloaded (loaded on first use).
     *
     * @return completes when every start-up model is ready or failed
     */
    public CompletableFuture<Void> warmAtStartup() {
        List<CompletableFuture<ModelHandle.Status>> warms = new ArrayList<>();
        synchronized (this) {
            CompletableFuture<?> previous = DONE;
            for (ModelHandle handle : handles.values()) {
                if (maxLoaded == 0 || warms.size() < maxLoaded) {
                    recency.put(handle.name(), handle);
                    CompletableFuture<ModelHandle.Status> warm = chain(handle.name(), List.of(previous), () -> {
                        warmer.warm(handle);
                        forgetIfFailed(handle.name(), handle);
                        return handle.status();
                    });
                    loads.put(handle.name(), warm);
                    forgetWhenDone(handle.name(), warm);
                    warms.add(warm);
                    previous = warm;
                } else {
                    handle.unloaded();
                    LOG.info("model={} state=unloaded reason=\"loaded on first use (--max-loaded-models {})\"",
                            handle.name(), maxLoaded);
                }
            }
        }
        startup = CompletableFuture.allOf(warms.stream().map(ModelLoader::settled).toArray(CompletableFuture[]::new));
        return startup;
    }

    /** Marks a use of a ready model, which makes it the most recently used. */
    public void touch(ModelHandle handle) {
        touch(handle.name());
    }

    /**
     * Marks a use of a loaded model or version, which makes it the most recently used.
     *
     * @param key a model's name, or a version's key ({@link #loadVersion})
     */
    public void touch(String key) {
        if (maxLoaded > 0) {
            synchronized (this) {
                recency.get(key);
            }
        }
    }

    /**
     * Loads a version of a model in a handle of its own, beside the served one (the versioned
     * routes), after whatever was asked of that key before. It counts against the limit like a
     * model: the least recently used models and versions are unloaded first when it would be passed.
     * A load of the key still waiting to run is shared.
     *
     * @param key the version's key, unique among models and versions, e.g. {@code iris/2}
     * @param handle the version's own handle
     * @param version what it loads
     * @return completes with the handle's state once this load has ended: ready, or failed
     */
    public CompletableFuture<ModelHandle.Status> loadVersion(String key, ModelHandle handle, VersionToLoad version) {
        synchronized (this) {
            CompletableFuture<ModelHandle.Status> waiting = loads.get(key);
            return waiting != null ? waiting : startLoad(key, handle, false, () -> warmer.warm(handle, version));
        }
    }

    /**
     * Unloads a version loaded with {@link #loadVersion}, after whatever was asked of it before: its
     * running calls end first (at most the drain wait), then its module is closed.
     *
     * @return completes with the handle's state once it is unloaded
     */
    public CompletableFuture<ModelHandle.Status> unloadVersion(String key, ModelHandle handle) {
        synchronized (this) {
            recency.remove(key);
            return chain(key, List.of(), () -> {
                if (handle.status().state() != ModelState.UNLOADED) {
                    unloadNow(handle);
                }
                return handle.status();
            });
        }
    }

    /**
     * Loads a model on request, or reloads it when it is loaded, after whatever was asked of it before;
     * first unloads the least recently used models if the limit would be passed.
     *
     * @return completes with the model's state once this load has ended: ready, or failed
     */
    public CompletableFuture<ModelHandle.Status> load(ModelHandle handle) {
        synchronized (this) {
            heldUnloaded.remove(handle.name());
            CompletableFuture<ModelHandle.Status> waiting = loads.get(handle.name());
            return waiting != null ? waiting : startLoad(handle.name(), handle, true, () -> warmer.warm(handle));
        }
    }

    /**
     * Loads an unloaded model for a request and waits for it, at most {@code wait}.
     *
     * @return the ready handle
     * @throws ServiceUnavailableException 503 when it was unloaded on request, failed, or is still loading
     */
    ModelHandle loadForUse(ModelHandle handle, Duration wait) {
        CompletableFuture<ModelHandle.Status> load;
        synchronized (this) {
            if (maxLoaded == 0 || heldUnloaded.contains(handle.name())) {
                throw new ServiceUnavailableException("model '" + handle.name() + "' is unloaded; load it with POST "
                        + "/v2/repository/models/" + handle.name() + "/load", 0);
            }
            load = loads.get(handle.name());
            if (load == null) {
                load = startLoad(handle.name(), handle, false, () -> warmer.warm(handle));
            }
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
        CompletableFuture<ModelHandle.Status> load;
        synchronized (this) {
            load = maxLoaded == 0 ? null : loads.get(handle.name());
        }
        if (load == null) {
            throw loading(handle);
        }
        return await(handle, load, wait);
    }

    private static ModelHandle await(ModelHandle handle, CompletableFuture<ModelHandle.Status> load, Duration wait) {
        ModelHandle.Status status;
        try {
            status = load.get(wait.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw loading(handle);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw loading(handle);
        } catch (ExecutionException e) {
            throw new ServiceUnavailableException("model '" + handle.name() + "' failed to load: "
                    + e.getCause().getMessage(), 0);
        }
        if (status.state() != ModelState.READY || !handle.isReady()) {
            throw new ServiceUnavailableException("model '" + handle.name() + "' failed to load: "
                    + (status.error() != null ? status.error() : "it was unloaded again"), 0);
        }
        return handle;
    }

    private static ServiceUnavailableException loading(ModelHandle handle) {
        return new ServiceUnavailableException("model '" + handle.name() + "' is loading; retry shortly", 5);
    }

    /**
     * Unloads a model on request, after whatever was asked of it before: it stops admitting
     * predictions, waits for those running (at most the drain wait), closes its module, and stays
     * unloaded until loaded on request.
     *
     * @return the model's state once this unload has ended: unloaded
     * @throws ConflictException when the model is training
     */
    public ModelHandle.Status unload(ModelHandle handle) throws InterruptedException {
        if (handle.trainingsRunning() > 0) {
            throw new ConflictException("model '" + handle.name() + "' is training; cancel its training before"
                    + " unloading it");
        }
        CompletableFuture<ModelHandle.Status> unload;
        synchronized (this) {
            heldUnloaded.add(handle.name());
            recency.remove(handle.name());
            unload = chain(handle.name(), List.of(), () -> {
                if (handle.status().state() != ModelState.UNLOADED) {
                    unloadNow(handle);
                }
                return handle.status();
            });
        }
        try {
            return unload.get();
        } catch (ExecutionException e) {
            throw new IllegalStateException("model '" + handle.name() + "' could not be unloaded: "
                    + e.getCause().getMessage(), e.getCause());
        }
    }

    /**
     * Must hold the lock. Appends a load to the chain of a model or version, after the unloads of the
     * models and versions it makes room for.
     *
     * @param key the model's name or the version's key
     * @param reload whether a handle that is ready when the load runs is closed and warmed again
     * @param warm warms the handle
     */
    private CompletableFuture<ModelHandle.Status> startLoad(String key, ModelHandle handle, boolean reload,
                                                            Runnable warm) {
        recency.remove(key);
        List<CompletableFuture<?>> evictions = new ArrayList<>();
        Iterator<Map.Entry<String, ModelHandle>> leastRecent = recency.entrySet().iterator();
        List<Map.Entry<String, ModelHandle>> victims = new ArrayList<>();
        while (maxLoaded > 0 && recency.size() - victims.size() >= maxLoaded && leastRecent.hasNext()) {
            Map.Entry<String, ModelHandle> victim = leastRecent.next();
            if (victim.getValue().trainingsRunning() > 0) {
                continue; // a model that is training is never evicted; the limit is exceeded meanwhile
            }
            victims.add(Map.entry(victim.getKey(), victim.getValue()));
        }
        for (Map.Entry<String, ModelHandle> victim : victims) {
            recency.remove(victim.getKey());
            ModelHandle evicted = victim.getValue();
            evictions.add(chain(victim.getKey(), List.of(), () -> {
                if (evicted.status().state() == ModelState.READY) {
                    LOG.info("{} unloading to make room for {} (--max-loaded-models {})", describe(victim.getKey()),
                            describe(key), maxLoaded);
                    unloadNow(evicted);
                }
                return evicted.status();
            }));
        }
        recency.put(key, handle);
        CompletableFuture<ModelHandle.Status> load = chain(key, evictions, () -> {
            if (handle.isReady()) {
                if (!reload) {
                    return handle.status();
                }
                unloadNow(handle);
            }
            warm.run();
            forgetIfFailed(key, handle);
            return handle.status();
        });
        loads.put(key, load);
        forgetWhenDone(key, load);
        return load;
    }

    /** @return how a log line names a model ({@code model=iris}) or a version ({@code model=iris version=2}) */
    private static String describe(String key) {
        int slash = key.indexOf('/');
        return slash < 0 ? "model=" + key : "model=" + key.substring(0, slash) + " version=" + key.substring(slash + 1);
    }

    /**
     * Must hold the lock. Appends an operation to a model's chain: it runs once the model's previous
     * operation and every one of {@code after} have ended (however they ended).
     */
    private <T> CompletableFuture<T> chain(String name, List<? extends CompletableFuture<?>> after, Supplier<T> work) {
        List<CompletableFuture<?>> before = new ArrayList<>(after);
        before.add(tails.getOrDefault(name, DONE));
        CompletableFuture<T> operation = CompletableFuture.allOf(before.stream().map(ModelLoader::settled)
                .toArray(CompletableFuture[]::new)).thenApplyAsync(ignored -> work.get(), executor);
        tails.put(name, settled(operation));
        loads.remove(name); // a load asked from now on runs after this operation
        return operation;
    }

    /** Must hold the lock. Forgets a load once it has ended, unless something was asked after it. */
    private void forgetWhenDone(String name, CompletableFuture<ModelHandle.Status> load) {
        load.whenComplete((status, e) -> {
            synchronized (this) {
                loads.remove(name, load);
            }
        });
    }

    /** @return a future that completes, normally, when the given one has completed in any way */
    private static CompletableFuture<Void> settled(CompletableFuture<?> future) {
        return future.handle((value, e) -> null);
    }

    private synchronized void forgetIfFailed(String key, ModelHandle handle) {
        if (handle.status().state() == ModelState.FAILED) {
            recency.remove(key);
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
