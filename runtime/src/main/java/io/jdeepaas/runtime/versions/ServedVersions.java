package io.jdeepaas.runtime.versions;

import io.jdeepaas.runtime.registry.ModelHandle;
import io.jdeepaas.runtime.registry.ModelLoader;
import io.jdeepaas.runtime.registry.ModelState;
import io.jdeepaas.runtime.registry.ModelWarmer;
import io.jdeepaas.runtime.registry.VersionIndex;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The versions the versioned routes address: the production version is the model's own handle; any
 * other version gets a handle of its own, loaded through the {@link ModelLoader} on its first use
 * (the route answers 503 with {@code Retry-After} until it is ready). A loaded version counts
 * against {@code --max-loaded-models} like a model: the least recently used of them all is unloaded
 * to make room, and an unloaded version loads again on its next use. A version's own handle is
 * unloaded when the version is deleted, when it becomes production (the model's handle serves it
 * then), and when the runtime stops. A canary split sends its share of the unversioned requests to
 * its alias's version once that is ready (production answers them while it loads).
 */
public final class ServedVersions implements VersionIndex, AutoCloseable {

    private final VersionService versions;
    private final ModelWarmer warmer;
    private final ModelLoader loader;
    private final Map<String, ModelHandle> others = new ConcurrentHashMap<>();

    /**
     * @param versions the versions and aliases
     * @param warmer closes what is left loaded when the runtime stops
     * @param loader loads and unloads the versions' handles, within the limit of loaded models
     */
    public ServedVersions(VersionService versions, ModelWarmer warmer, ModelLoader loader) {
        this.versions = versions;
        this.warmer = warmer;
        this.loader = loader;
    }

    @Override
    public ModelHandle handle(ModelHandle served, String ref) {
        ModelVersionRecord version = versions.get(served.name(), ref);
        String key = key(served.name(), version.id());
        if (version.id().equals(served.version())) {
            return served;
        }
        boolean[] made = {false};
        ModelHandle other = others.computeIfAbsent(key, k -> {
            made[0] = true;
            return served.sibling();
        });
        if (made[0] || other.status().state() == ModelState.UNLOADED) {
            loader.loadVersion(key, other, versions.load(served.name(), version.id()));
        } else if (other.isReady()) {
            loader.touch(key);
        }
        return other;
    }

    @Override
    public ModelHandle serving(ModelHandle served) {
        Split split = versions.split(served.name()).orElse(null);
        if (split == null || java.util.concurrent.ThreadLocalRandom.current().nextInt(100) >= split.percent()) {
            return served;
        }
        try {
            ModelHandle candidate = handle(served, split.alias());
            return candidate.isReady() ? candidate : served; // while it loads, production answers
        } catch (RuntimeException e) {
            return served; // the alias moved or went away meanwhile: production answers
        }
    }

    @Override
    public List<String> ids(ModelHandle served) {
        return versions.list(served.name()).stream().sorted(Comparator.comparingInt(ModelVersionRecord::number))
                .map(ModelVersionRecord::id).toList();
    }

    /**
     * Unloads the own handle of a version, if it has one (its running calls end first): once the
     * version is deleted, or once it is production and the model's own handle serves it.
     */
    public void forget(String model, String id) {
        String key = key(model, id);
        ModelHandle other = others.remove(key);
        if (other != null) {
            loader.unloadVersion(key, other);
        }
    }

    private static String key(String model, String id) {
        return model + "/" + id;
    }

    @Override
    public void close() {
        others.values().stream().filter(h -> h.status().state() != ModelState.UNLOADED) // evicted: closed already
                .forEach(warmer::unload);
        others.clear();
    }
}
