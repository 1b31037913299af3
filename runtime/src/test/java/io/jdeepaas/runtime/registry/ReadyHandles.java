package io.jdeepaas.runtime.registry;

import io.jdeepaas.spi.Device;
import io.jdeepaas.spi.ModelEntryPoint;

/** Handles for services tested without a server: a module wrapped and marked ready, as a warmed model is. */
public final class ReadyHandles {

    private ReadyHandles() {
    }

    /** @return a ready handle on the CPU for an in-test module */
    public static ModelHandle of(ModelEntryPoint module) {
        ModelHandle handle = new ModelHandle(new DiscoveredModel(module, "test"));
        handle.ready(Device.cpu());
        return handle;
    }
}
