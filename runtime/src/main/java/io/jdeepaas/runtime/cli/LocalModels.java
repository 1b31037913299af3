package io.jdeepaas.runtime.cli;

import io.jdeepaas.runtime.config.RuntimeConfig;
import io.jdeepaas.runtime.registry.ModelHandle;
import io.jdeepaas.runtime.registry.ModelRegistry;
import io.jdeepaas.runtime.registry.StartupException;
import io.jdeepaas.runtime.startup.ModelStartup;

/** Discovers and warms models in this process, for the subcommands that run without a server. */
final class LocalModels {

    private final RuntimeConfig config;
    private final ModelStartup models;
    private final ModelRegistry registry;

    LocalModels(RuntimeConfig config) {
        this.config = config;
        this.models = ModelStartup.prepare(config);
        this.registry = new ModelRegistry(models.models());
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
        ModelHandle model = models.warmOne(registry.all().iterator().next().name());
        if (!model.isReady()) {
            throw new StartupException("model '" + model.name() + "' failed to load: " + model.status().error());
        }
        return model;
    }

    /** Warms every discovered model, one after the other; each ends ready or failed. */
    void warmAll() {
        registry.all().forEach(models.warmer()::warm);
    }

    RuntimeConfig config() {
        return config;
    }
}
