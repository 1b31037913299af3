package io.jdeepaas.runtime.cli;

import io.jdeepaas.runtime.Server;
import io.jdeepaas.runtime.config.RuntimeConfig;
import io.jdeepaas.runtime.engines.EngineSetup;
import io.jdeepaas.runtime.registry.ModelHandle;
import io.jdeepaas.runtime.registry.ModelRegistry;
import io.jdeepaas.runtime.registry.ModelWarmer;
import io.jdeepaas.runtime.registry.StartupException;

/** Discovers and warms models in this process, for the subcommands that run without a server. */
final class LocalModels {

    private final RuntimeConfig config;
    private final ModelRegistry registry;
    private final ModelWarmer warmer;

    LocalModels(RuntimeConfig config) {
        this.config = config;
        this.registry = new ModelRegistry(Server.discover(config).stream().map(ModelHandle::new).toList());
        this.warmer = new ModelWarmer(Server.devicePolicy(EngineSetup.prepare(config.engineCacheDir())), config::deviceFor, config::settingsFor,
                config.dataDir().resolve("models"));
    }

    ModelRegistry registry() {
        return registry;
    }

    /** @return the one model named by {@code --model-name}, warmed and ready */
    ModelHandle single() {
        if (registry.all().size() != 1) {
            throw new StartupException("name exactly one model with --model-name; found "
                    + registry.all().stream().map(ModelHandle::name).toList());
        }
        ModelHandle model = registry.all().iterator().next();
        warmer.warm(model);
        if (!model.isReady()) {
            throw new StartupException("model '" + model.name() + "' failed to load: " + model.status().error());
        }
        return model;
    }

    /** Warms every discovered model, one after the other; each ends ready or failed. */
    void warmAll() {
        registry.all().forEach(warmer::warm);
    }

    RuntimeConfig config() {
        return config;
    }
}
