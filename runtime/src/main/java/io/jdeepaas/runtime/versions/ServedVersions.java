package io.jdeepaas.runtime.versions;

import io.jdeepaas.runtime.registry.ModelHandle;
import io.jdeepaas.runtime.registry.ModelWarmer;
import io.jdeepaas.runtime.registry.VersionIndex;
import io.jdeepaas.runtime.registry.VersionToLoad;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The versions the versioned routes address: the production version is the model's own handle; any
 * other version gets a handle of its own, warmed in the background on its first use (the route
 * answers 503 with {@code Retry-After} until it is ready) and kept loaded until it is deleted or the
 * runtime stops. A canary split sends its share of the unversioned requests to its alias's version
 * once that is ready (production answers them while it loads).
 */
public final class ServedVersions implements VersionIndex, AutoCloseable {

    private final VersionService versions;
    private final ModelWarmer warmer;
    private final Map<String, ModelHandle> others = new ConcurrentHashMap<>();
    private final ExecutorService loads = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "version-load");
        t.setDaemon(true);
        return t;
    });

    public ServedVersions(VersionService versions, ModelWarmer warmer) {
        this.versions = versions;
        this.warmer = warmer;
    }

    @Override
    public ModelHandle handle(ModelHandle served, String ref) {
        ModelVersionRecord version = versions.get(served.name(), ref);
        if (version.id().equals(served.version())) {
            return served;
        }
        return others.computeIfAbsent(served.name() + "/" + version.id(), key -> {
            ModelHandle other = served.sibling();
            VersionToLoad files = versions.load(served.name(), version.id());
            loads.execute(() -> warmer.warm(other, files));
            return other;
        });
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

    /** Unloads the handle of a version that was deleted, if it had one. */
    void forget(String model, String id) {
        ModelHandle other = others.remove(model + "/" + id);
        if (other != null) {
            loads.execute(() -> warmer.unload(other));
        }
    }

    @Override
    public void close() {
        loads.shutdownNow();
        others.values().forEach(warmer::unload);
        others.clear();
    }
}
