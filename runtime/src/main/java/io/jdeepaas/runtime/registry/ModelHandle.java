package io.jdeepaas.runtime.registry;

import io.jdeepaas.spi.Device;
import io.jdeepaas.spi.ModelEntryPoint;
import java.time.Instant;

/**
 * One served model: its module (behind the {@link ModelWrapper}), where it came from, and its
 * state. State changes are published with volatile writes; readers see a consistent snapshot
 * through {@link #status()}. Work that calls the module while it must stay loaded brackets the call
 * with {@link #tryEnter()} and {@link #exit()}, so that unloading waits for it before closing.
 */
public final class ModelHandle {

    /**
     * A consistent view of a model's state.
     *
     * @param state loading, ready, failed or unloaded
     * @param device the device it was warmed on, or {@code null} before
     * @param error why it failed, or {@code null}
     * @param since when it entered this state
     */
    public record Status(ModelState state, Device device, String error, Instant since) {
    }

    private final String name;
    private final String source;
    private final java.util.concurrent.Callable<ModelEntryPoint> instances;
    private final ThreadLocal<ModelWrapper> entered = new ThreadLocal<>();
    private volatile ModelWrapper wrapper;
    private volatile String unusable;
    private volatile Status status = new Status(ModelState.LOADING, null, null, Instant.now());
    private final Object usage = new Object();
    private int inFlight;
    private final java.util.concurrent.atomic.AtomicInteger trainings = new java.util.concurrent.atomic.AtomicInteger();

    public ModelHandle(DiscoveredModel discovered) {
        this.name = discovered.entryPoint().name();
        this.source = discovered.source();
        this.instances = discovered.instances();
        this.wrapper = new ModelWrapper(discovered.entryPoint());
        this.unusable = discovered.failure();
        if (unusable != null) {
            status = new Status(ModelState.FAILED, null, unusable, Instant.now());
        }
    }

    /**
     * @return why the module could not be used at discovery (a missing class, a bad declaration...),
     *     or {@code null}; such a model stays failed whatever loads it
     */
    public String unusable() {
        return unusable;
    }

    public String name() {
        return name;
    }

    /** @return the jar, folder or provider the module came from */
    public String source() {
        return source;
    }

    /**
     * @return the module instance a call of this thread entered ({@link #tryEnter()}), so that one
     *     call keeps using one instance across a swap; outside a call, the one served now
     */
    public ModelWrapper wrapper() {
        ModelWrapper mine = entered.get();
        return mine != null ? mine : wrapper;
    }

    /** @return the id of the version served now (what the unversioned routes answer with) */
    public String version() {
        return wrapper.version();
    }

    /**
     * @return a new, unwarmed handle of the same model with a new instance of its module, to warm
     *     another version beside this one
     * @throws IllegalStateException when the module cannot make another instance
     */
    public ModelHandle sibling() {
        if (instances == null) {
            throw new IllegalStateException("model '" + name + "' cannot load a second version beside the served one"
                    + " (its module gives no new instance)");
        }
        ModelEntryPoint another;
        try {
            another = instances.call();
        } catch (Exception e) {
            throw new IllegalStateException("model '" + name + "' could not make a new instance: " + e.getMessage(), e);
        }
        return new ModelHandle(new DiscoveredModel(another, source, null, instances));
    }

    /**
     * Puts new, already warmed code in place of the module (dev mode's reload); calls already under
     * way finish on the old code.
     *
     * @param warmed a handle of the new code, ready
     * @return the wrapper that was replaced, to be closed once its calls have ended
     */
    ModelWrapper swap(ModelHandle warmed) {
        synchronized (usage) {
            ModelWrapper old = wrapper;
            wrapper = warmed.wrapper;
            unusable = null;
            ready(warmed.status().device());
            return old;
        }
    }

    public ModelEntryPoint module() {
        return wrapper.module();
    }

    public Status status() {
        return status;
    }

    public boolean isReady() {
        return status.state() == ModelState.READY;
    }

    /**
     * Registers one call into the module, if the model is ready.
     *
     * @return false when it is not ready (loading, unloading, unloaded or failed): do not call it
     */
    public boolean tryEnter() {
        synchronized (usage) {
            if (status.state() != ModelState.READY) {
                return false;
            }
            inFlight++;
            wrapper.entered();
            entered.set(wrapper);
            return true;
        }
    }

    /** Ends a call registered with {@link #tryEnter()} (on the same thread). */
    public void exit() {
        ModelWrapper mine = entered.get();
        entered.remove();
        if (mine != null) {
            mine.exited();
        }
        synchronized (usage) {
            inFlight--;
            if (inFlight == 0) {
                usage.notifyAll();
            }
        }
    }

    /** Marks a training of this model as running; the loader neither evicts nor unloads it meanwhile. */
    public void trainingStarted() {
        trainings.incrementAndGet();
    }

    /** Marks a training of this model as ended. */
    public void trainingEnded() {
        trainings.decrementAndGet();
    }

    /** @return how many trainings of this model run in this process */
    public int trainingsRunning() {
        return trainings.get();
    }

    /** @return calls into the module under way */
    public int inFlight() {
        synchronized (usage) {
            return inFlight;
        }
    }

    /**
     * Stops admitting calls and waits for those under way to end, at most {@code wait}.
     *
     * @return true when none is left
     */
    boolean drain(java.time.Duration wait) throws InterruptedException {
        long deadline = System.nanoTime() + wait.toNanos();
        synchronized (usage) {
            status = new Status(ModelState.UNLOADING, status.device(), null, Instant.now());
            while (inFlight > 0) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                java.util.concurrent.TimeUnit.NANOSECONDS.timedWait(usage, left);
            }
            return true;
        }
    }

    void loading() {
        synchronized (usage) {
            status = new Status(ModelState.LOADING, status.device(), null, Instant.now());
        }
    }

    void ready(Device device) {
        status = new Status(ModelState.READY, device, null, Instant.now());
    }

    void failed(Device device, String error) {
        status = new Status(ModelState.FAILED, device, error, Instant.now());
    }

    void unloaded() {
        status = new Status(ModelState.UNLOADED, status.device(), null, Instant.now());
    }
}
