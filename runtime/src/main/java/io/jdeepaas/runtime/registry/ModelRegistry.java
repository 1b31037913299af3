package io.jdeepaas.runtime.registry;

import io.jdeepaas.runtime.errors.NotFoundException;
import io.jdeepaas.runtime.errors.ServiceUnavailableException;
import java.time.Duration;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The served models by name, fixed at start-up. With a {@link ModelLoader} that loads on use, asking
 * for an unloaded model loads it (the caller waits, at most the load wait).
 */
public final class ModelRegistry {

    private final Map<String, ModelHandle> models;
    private final ModelLoader loader;
    private final Duration loadWait;
    private volatile VersionIndex versions = VersionIndex.SERVED_ONLY;

    /** A registry whose models are warmed by someone else and never loaded on use. */
    public ModelRegistry(Collection<ModelHandle> handles) {
        this(handles, null, Duration.ZERO);
    }

    /**
     * @param handles the served models
     * @param loader loads unloaded models on use when it has a limit, or {@code null}
     * @param loadWait how long a request waits for its model to load before a 503 with Retry-After
     */
    public ModelRegistry(Collection<ModelHandle> handles, ModelLoader loader, Duration loadWait) {
        Map<String, ModelHandle> byName = new LinkedHashMap<>();
        handles.forEach(h -> byName.put(h.name(), h));
        this.models = Collections.unmodifiableMap(byName);
        this.loader = loader;
        this.loadWait = loadWait;
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
     * @return its handle, when it is ready to serve (loaded first, when it was unloaded to make room)
     * @throws NotFoundException when no such model is served
     * @throws ServiceUnavailableException when it is loading, unloading, failed or unloaded
     */
    public ModelHandle ready(String name) {
        ModelHandle handle = get(name);
        ModelHandle.Status status = handle.status();
        switch (status.state()) {
            case READY:
                if (loader != null) {
                    loader.touch(handle);
                }
                return handle;
            case LOADING:
                if (loader != null) {
                    return loader.awaitLoad(handle, loadWait);
                }
                throw new ServiceUnavailableException("model '" + name + "' is loading; retry shortly", 5);
            case UNLOADING:
                throw new ServiceUnavailableException("model '" + name + "' is being unloaded; retry shortly", 1);
            case FAILED:
                throw new ServiceUnavailableException("model '" + name + "' failed to load: " + status.error(), 0);
            default:
                if (loader != null) {
                    return loader.loadForUse(handle, loadWait);
                }
                throw new ServiceUnavailableException("model '" + name + "' is not loaded", 1);
        }
    }

    /** Sets where the versioned routes find a model's versions (by default, only the served one). */
    public void versionsFrom(VersionIndex index) {
        versions = index;
    }

    /**
     * @param name a model name from a URL
     * @param ref a version id or alias from a URL
     * @return the handle serving that version (it may be loading: see {@link VersionIndex#handle})
     * @throws NotFoundException when there is no such model or version
     */
    public ModelHandle version(String name, String ref) {
        return versions.handle(get(name), ref);
    }

    /**
     * @param name a model name from an unversioned predict or infer URL
     * @return the handle that answers it (production, or a canary split's version)
     * @throws NotFoundException when there is no such model
     */
    public ModelHandle serving(String name) {
        return versions.serving(get(name));
    }

    /** @return the ids of a model's versions, oldest first */
    public java.util.List<String> versionIds(String name) {
        return versions.ids(get(name));
    }

    /** @return the loader, when models are loaded and unloaded while the server runs */
    public java.util.Optional<ModelLoader> loader() {
        return java.util.Optional.ofNullable(loader);
    }
}
