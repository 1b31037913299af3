package io.jdeepaas.spi;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * What a {@link ModelProvider} may know about the runtime when it lists its models.
 *
 * @param dataDir the runtime's data folder ({@code --data-dir})
 * @param settings runtime settings by name, e.g. {@code "model-store"}
 */
public record ProviderContext(Path dataDir, Map<String, String> settings) {

    /**
     * Creates a context with an unmodifiable copy of the settings.
     *
     * @param dataDir the runtime's data folder
     * @param settings runtime settings by name
     */
    public ProviderContext {
        settings = Map.copyOf(settings);
    }

    /**
     * One setting.
     *
     * @param name the setting's name, e.g. {@code "model-store"}
     * @return its value, or empty when it is not set
     */
    public Optional<String> setting(String name) {
        return Optional.ofNullable(settings.get(name));
    }
}
