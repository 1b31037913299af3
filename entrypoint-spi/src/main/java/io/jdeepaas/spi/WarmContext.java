package io.jdeepaas.spi;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * What {@link ModelEntryPoint#warm} is given to prepare a model.
 *
 * @param device the device the runtime chose for this model ({@code --device})
 * @param dataDir a folder private to this model, created by the runtime, kept across restarts
 * @param settings runtime settings by name (global ones, then this model's own)
 * @param logger where the module should log; its records carry the model's name
 * @param modelVersion the version of the model's weights to load (see {@link ModelVersion}); empty
 *     when the module should load what it ships itself (version {@code 1} of every model, and any
 *     warm outside a server, e.g. the {@code predict} subcommand)
 */
public record WarmContext(Device device, Path dataDir, Map<String, String> settings, System.Logger logger,
                          Optional<ModelVersion> modelVersion) {

    /**
     * Creates a context with an unmodifiable copy of the settings.
     *
     * @param device the chosen device
     * @param dataDir the model's private folder
     * @param settings runtime settings by name
     * @param logger the model's logger
     * @param modelVersion the version to load, or empty for the module's shipped weights
     */
    public WarmContext {
        settings = Map.copyOf(settings);
        modelVersion = modelVersion == null ? Optional.empty() : modelVersion;
    }

    /**
     * Creates a context that loads the module's shipped weights (no version).
     *
     * @param device the chosen device
     * @param dataDir the model's private folder
     * @param settings runtime settings by name
     * @param logger the model's logger
     */
    public WarmContext(Device device, Path dataDir, Map<String, String> settings, System.Logger logger) {
        this(device, dataDir, settings, logger, Optional.empty());
    }

    /**
     * One setting.
     *
     * @param name the setting's name
     * @return its value, or empty when it is not set
     */
    public Optional<String> setting(String name) {
        return Optional.ofNullable(settings.get(name));
    }
}
