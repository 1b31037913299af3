package io.jdeepaas.runtime.registry;

import io.jdeepaas.spi.Device;
import java.util.Optional;

/** Chooses the device a model is warmed on, from its device spec and its engine. */
@FunctionalInterface
public interface DevicePolicy {

    /**
     * @param model the model's name, for messages
     * @param spec {@code auto}, {@code cpu}, {@code gpu} or {@code gpu:N}
     * @param engine the model's engine, if it names one
     * @return the device to use
     * @throws RuntimeException with a message a user can act on when the device is not available
     */
    Device choose(String model, String spec, Optional<String> engine);
}
