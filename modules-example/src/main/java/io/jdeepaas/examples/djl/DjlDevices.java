package io.jdeepaas.examples.djl;

import io.jdeepaas.spi.Device;

/** Translates the runtime's {@link Device} into DJL's. */
public final class DjlDevices {

    private DjlDevices() {
    }

    /**
     * @param device the device the runtime chose
     * @return the same device as DJL names it
     */
    public static ai.djl.Device of(Device device) {
        return device.isGpu() ? ai.djl.Device.gpu(device.index()) : ai.djl.Device.cpu();
    }
}
