package io.jdeepaas.runtime.registry;

import io.jdeepaas.spi.Device;
import io.jdeepaas.spi.ModelEntryPoint;
import java.time.Instant;

/**
 * One served model: its module (behind the {@link ModelWrapper}), where it came from, and its
 * state. State changes are published with volatile writes; readers see a consistent snapshot
 * through {@link #status()}.
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
    private final ModelWrapper wrapper;
    private volatile Status status = new Status(ModelState.LOADING, null, null, Instant.now());

    public ModelHandle(DiscoveredModel discovered) {
        this.name = discovered.entryPoint().name();
        this.source = discovered.source();
        this.wrapper = new ModelWrapper(discovered.entryPoint());
    }

    public String name() {
        return name;
    }

    /** @return the jar, folder or provider the module came from */
    public String source() {
        return source;
    }

    public ModelWrapper wrapper() {
        return wrapper;
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

    void loading() {
        status = new Status(ModelState.LOADING, status.device(), null, Instant.now());
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
