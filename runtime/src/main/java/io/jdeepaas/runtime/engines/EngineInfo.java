package io.jdeepaas.runtime.engines;

import ai.djl.engine.Engine;
import java.util.Optional;

/** Facts about a DJL engine that never throw: an engine that cannot load has no version. */
public final class EngineInfo {

    private EngineInfo() {
    }

    /**
     * The version of an engine's native library, loading the engine if needed.
     *
     * @param engineName the engine as DJL names it, e.g. {@code "PyTorch"}
     * @return its version, e.g. {@code "2.7.1"}, or empty when the engine is unknown or fails to load
     */
    public static Optional<String> version(String engineName) {
        if (engineName == null || !Engine.hasEngine(engineName)) {
            return Optional.empty();
        }
        EngineSetup.beforeLoading(engineName);
        try {
            return Optional.ofNullable(Engine.getEngine(engineName).getVersion());
        } catch (RuntimeException | LinkageError e) {
            return Optional.empty();
        }
    }

    /**
     * How many GPUs an engine sees.
     *
     * @param engineName the engine as DJL names it
     * @return its GPU count, or 0 when the engine is unknown or fails to load
     */
    public static int gpuCount(String engineName) {
        if (engineName == null || !Engine.hasEngine(engineName)) {
            return 0;
        }
        EngineSetup.beforeLoading(engineName);
        try {
            return Engine.getEngine(engineName).getGpuCount();
        } catch (RuntimeException | LinkageError e) {
            return 0;
        }
    }
}
