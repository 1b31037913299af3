package io.jdeepaas.runtime.engines;

/**
 * Thrown when a model asks for a device its engine cannot see, e.g. {@code gpu:0} on a machine
 * without a GPU. The registry marks that model {@code failed} with the message; the other models
 * serve on.
 */
public class DeviceUnavailableException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** @param message what was requested, what is visible, and what to use instead */
    public DeviceUnavailableException(String message) {
        super(message);
    }
}
