package io.jdeepaas.runtime.startup;

import io.jdeepaas.runtime.config.RuntimeConfig;
import io.jdeepaas.runtime.engines.DeviceResolver;
import io.jdeepaas.runtime.engines.EngineSetup;
import io.jdeepaas.runtime.registry.DevicePolicy;
import io.jdeepaas.runtime.registry.DiscoveredModel;
import io.jdeepaas.runtime.registry.ModelHandle;
import io.jdeepaas.runtime.registry.ModelWarmer;
import io.jdeepaas.runtime.registry.ModuleDiscovery;
import io.jdeepaas.runtime.registry.StartupException;
import io.jdeepaas.runtime.registry.VersionToLoad;
import io.jdeepaas.spi.ProviderContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The models of a configuration, ready to warm: the engines prepared, the modules discovered (with
 * the {@code --model-name} filter), and a {@link ModelWarmer} that chooses each model's device. The server, the
 * local subcommands and a training worker JVM all start this way; each then warms what it needs.
 *
 * @param models the served models, not warmed yet
 * @param engines the prepared engines
 * @param warmer warms and closes the models
 */
public record ModelStartup(List<ModelHandle> models, EngineSetup engines, ModelWarmer warmer) {

    /**
     * Prepares the engines (first: they set what DJL reads when a module is loaded), discovers the
     * modules, and builds the warmer.
     *
     * @throws StartupException when {@code --model-name} names a model no module provides
     */
    public static ModelStartup prepare(RuntimeConfig config) {
        EngineSetup engines = EngineSetup.prepare(config.engineCacheDir());
        List<ModelHandle> models = discover(config).stream().map(ModelHandle::new).toList();
        ModelWarmer warmer = new ModelWarmer(devicePolicy(engines), config::deviceFor, config::settingsFor,
                config.dataDir().resolve("models"));
        return new ModelStartup(models, engines, warmer);
    }

    /**
     * Warms one of the models on the calling thread.
     *
     * @return its handle, now ready or failed
     * @throws StartupException when it is not among the models
     */
    public ModelHandle warmOne(String name) {
        ModelHandle model = find(name);
        warmer.warm(model);
        return model;
    }

    /**
     * Warms one model with a given version of its weights (a training process warms the version its
     * parent serves).
     *
     * @return its handle, ready or failed
     * @throws StartupException when no such model was found
     */
    public ModelHandle warmOne(String name, VersionToLoad version) {
        ModelHandle model = find(name);
        warmer.warm(model, version);
        return model;
    }

    private ModelHandle find(String name) {
        return models.stream().filter(m -> m.name().equals(name)).findFirst().orElseThrow(() ->
                new StartupException("model '" + name + "' was not found; the modules found are "
                        + models.stream().map(ModelHandle::name).toList()));
    }

    /** @return the discovered models that the {@code --model-name} filter keeps */
    static List<DiscoveredModel> discover(RuntimeConfig config) {
        ProviderContext providerContext = new ProviderContext(config.dataDir(), config.settings());
        Map<String, DiscoveredModel> found = new ModuleDiscovery(providerContext).discover(config.modulePath(),
                config::serves);
        Set<String> missing = new TreeSet<>(config.modelNames());
        missing.removeAll(found.keySet());
        if (!missing.isEmpty()) {
            throw new StartupException("--model-name asks for " + missing + " but the modules found are "
                    + found.keySet());
        }
        List<DiscoveredModel> served = new ArrayList<>();
        found.forEach((name, model) -> {
            if (config.serves(name)) {
                served.add(model);
            }
        });
        return served;
    }

    /** @return the device policy: an engine that could not be prepared fails its models, else the resolver decides */
    static DevicePolicy devicePolicy(EngineSetup engines) {
        DeviceResolver resolver = new DeviceResolver();
        return (model, spec, engine) -> {
            engine.flatMap(engines::problem).ifPresent(problem -> {
                throw new IllegalStateException(problem);
            });
            return resolver.resolve(spec, engine.orElse(null), model);
        };
    }
}
