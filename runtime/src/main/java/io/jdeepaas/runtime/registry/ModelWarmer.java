package io.jdeepaas.runtime.registry;

import io.jdeepaas.spi.Device;
import io.jdeepaas.spi.WarmContext;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Warms models: chooses each one's device, gives it a private data folder, and calls its
 * {@code warm}. A failure marks that model {@code failed} with the reason; others are unaffected.
 */
public final class ModelWarmer {

    private static final Logger LOG = LoggerFactory.getLogger(ModelWarmer.class);

    private final DevicePolicy devicePolicy;
    private final Function<String, String> deviceSpecs;
    private final Function<String, Map<String, String>> settings;
    private final Path modelsDir;
    private volatile Function<String, VersionToLoad> production = name -> VersionToLoad.SHIPPED;

    /**
     * @param devicePolicy chooses devices
     * @param deviceSpecs a model's device spec by name
     * @param settings a model's settings by name
     * @param modelsDir the folder under which each model gets a private folder
     */
    public ModelWarmer(DevicePolicy devicePolicy, Function<String, String> deviceSpecs,
                       Function<String, Map<String, String>> settings, Path modelsDir) {
        this.devicePolicy = devicePolicy;
        this.deviceSpecs = deviceSpecs;
        this.settings = settings;
        this.modelsDir = modelsDir;
    }

    /**
     * Says which version each model loads when it is warmed without one named (at start-up, and
     * when {@code --max-loaded-models} loads it again); by default the module's shipped weights.
     *
     * @param resolver the production version of a model, by name
     */
    public void productionFrom(Function<String, VersionToLoad> resolver) {
        production = resolver;
    }

    /** Warms one model on the calling thread with its production version, leaving it ready or failed. */
    public void warm(ModelHandle handle) {
        VersionToLoad version;
        try {
            version = production.apply(handle.name());
        } catch (RuntimeException e) {
            handle.failed(null, "cannot tell which version to load: " + e.getMessage());
            LOG.error("model={} state=failed reason=\"cannot tell which version to load\"", handle.name(), e);
            return;
        }
        warm(handle, version);
    }

    /** Warms one model on the calling thread with the given version, leaving it ready or failed. */
    public void warm(ModelHandle handle, VersionToLoad version) {
        if (handle.unusable() != null) {
            handle.failed(null, handle.unusable());
            return;
        }
        handle.loading();
        Instant start = Instant.now();
        Device device = null;
        try {
            device = devicePolicy.choose(handle.name(), deviceSpecs.apply(handle.name()), handle.module().engine());
            Path dataDir = Files.createDirectories(modelsDir.resolve(handle.name()).resolve("data"));
            WarmContext context = new WarmContext(device, dataDir, settings.apply(handle.name()),
                    System.getLogger("model." + handle.name()), version.spi());
            handle.wrapper().withModuleClassLoader(() -> {
                handle.module().warm(context);
                return null;
            });
            handle.wrapper().loaded(version);
            handle.ready(device);
            LOG.info("model={} version={} state=ready device={} duration={}ms", handle.name(), version.id(), device,
                    Duration.between(start, Instant.now()).toMillis());
        } catch (Throwable e) {
            String reason = e.getMessage() == null ? e.getClass().getName() : e.getMessage();
            handle.failed(device, reason);
            LOG.error("model={} state=failed reason={}", handle.name(), reason, e);
            if (e instanceof Error error && !(e instanceof LinkageError) && !(e instanceof AssertionError)) {
                throw error;
            }
        }
    }

    /** Closes a model's resources and marks it unloaded. */
    public void unload(ModelHandle handle) {
        if (handle.unusable() != null) {
            return;
        }
        try {
            handle.wrapper().withModuleClassLoader(() -> {
                handle.module().close();
                return null;
            });
        } catch (Exception e) {
            LOG.warn("model={} close failed: {}", handle.name(), e.getMessage(), e);
        }
        handle.unloaded();
    }
}
