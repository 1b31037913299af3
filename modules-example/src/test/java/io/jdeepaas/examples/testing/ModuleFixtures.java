package io.jdeepaas.examples.testing;

import io.jdeepaas.spi.Argument;
import io.jdeepaas.spi.Device;
import io.jdeepaas.spi.WarmContext;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Shared set-up for tests that call example modules directly, without the runtime. */
public final class ModuleFixtures {

    private ModuleFixtures() {
    }

    /**
     * @param dataDir the model's private folder
     * @return a warm context on the CPU
     */
    public static WarmContext cpu(Path dataDir) {
        return new WarmContext(Device.cpu(), dataDir, Map.of(), System.getLogger("test"));
    }

    /**
     * What the runtime would pass: each declared default, then the given values.
     *
     * @param declared the declared arguments
     * @param given values by name, alternating name and value
     * @return the values
     */
    public static Map<String, Object> withDefaults(List<Argument> declared, Object... given) {
        Map<String, Object> values = new HashMap<>();
        for (Argument argument : declared) {
            if (argument.defaultValue() != null) {
                values.put(argument.name(), argument.defaultValue());
            }
        }
        for (int i = 0; i < given.length; i += 2) {
            values.put((String) given[i], given[i + 1]);
        }
        return values;
    }
}
