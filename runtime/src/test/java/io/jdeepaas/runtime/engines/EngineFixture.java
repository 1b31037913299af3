package io.jdeepaas.runtime.engines;

import io.jdeepaas.spi.Device;
import io.jdeepaas.spi.WarmContext;
import java.nio.file.Path;
import java.util.Map;

/**
 * Engine set-up shared by the tests of one JVM: DJL loads natives once per process, so every test
 * uses one cache folder under {@code target/}, kept between builds so the TensorFlow libraries are
 * extracted only on the first build.
 */
final class EngineFixture {

    /** The shared engine cache. */
    static final Path CACHE = io.jdeepaas.runtime.TestRuntime.ENGINE_CACHE;

    private static EngineSetup setup;

    private EngineFixture() {
    }

    /** @return the set-up, prepared on first use, with TensorFlow asked for (its natives extracted) */
    static synchronized EngineSetup prepared() {
        if (setup == null) {
            setup = EngineSetup.prepare(CACHE);
            setup.problem(EngineSetup.TENSORFLOW);
        }
        return setup;
    }

    /**
     * @param dataDir the model's private folder
     * @return a warm context on the CPU
     */
    static WarmContext cpu(Path dataDir) {
        return new WarmContext(Device.cpu(), dataDir, Map.of(), System.getLogger("test"));
    }
}
