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
 */
public record WarmContext(Device device, Path dataDir, Map<String, String> settings, System.Logger logger) {

    /**
     * Creates a context with an unmodifiable copy of the settings.
     *
     * @param device the chosen device
     * @param dataDir the model's private folder
     * @param settings runtime settings by name
     * @param logger the model's logger
     */
    public WarmContext {
        settings = Map.copyOf(settings);
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
