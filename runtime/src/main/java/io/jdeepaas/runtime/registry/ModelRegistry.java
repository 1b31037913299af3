package io.jdeepaas.runtime.registry;

import io.jdeepaas.runtime.errors.NotFoundException;
import io.jdeepaas.runtime.errors.ServiceUnavailableException;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/** The served models by name, fixed at start-up. */
public final class ModelRegistry {

    private final Map<String, ModelHandle> models;

    public ModelRegistry(Collection<ModelHandle> handles) {
        Map<String, ModelHandle> byName = new LinkedHashMap<>();
        handles.forEach(h -> byName.put(h.name(), h));
        this.models = Collections.unmodifiableMap(byName);
    }

    /** @return every served model, in name order */
    public Collection<ModelHandle> all() {
        return models.values();
    }

    /**
     * @param name a model name from a URL
     * @return its handle
     * @throws NotFoundException when no such model is served
     */
    public ModelHandle get(String name) {
        ModelHandle handle = models.get(name);
        if (handle == null) {
            throw new NotFoundException("no model named '" + name + "'; the served models are listed at /v2/models/");
        }
        return handle;
    }

    /**
     * @param name a model name from a URL
     * @return its handle, when it is ready to serve
     * @throws NotFoundException when no such model is served
     * @throws ServiceUnavailableException when it is loading, failed or unloaded
     */
    public ModelHandle ready(String name) {
        ModelHandle handle = get(name);
        ModelHandle.Status status = handle.status();
        switch (status.state()) {
            case READY:
                return handle;
            case LOADING:
                throw new ServiceUnavailableException("model '" + name + "' is loading; retry shortly", 5);
            case FAILED:
                throw new ServiceUnavailableException("model '" + name + "' failed to load: " + status.error(), 0);
            default:
                throw new ServiceUnavailableException("model '" + name + "' is not loaded", 1);
        }
    }
}
