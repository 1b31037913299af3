package io.jdeepaas.runtime.registry;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/**
 * Where a model is in its life: loading, ready to serve, failed to warm, unloading (draining its
 * running predictions before its resources are closed), or unloaded.
 */
public enum ModelState {
    LOADING, READY, FAILED, UNLOADING, UNLOADED;

    @JsonValue
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
