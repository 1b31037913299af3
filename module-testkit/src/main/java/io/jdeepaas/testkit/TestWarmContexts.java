package io.jdeepaas.testkit;

import io.jdeepaas.spi.Device;
import io.jdeepaas.spi.ModelVersion;
import io.jdeepaas.spi.WarmContext;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * Warm contexts for unit tests: the CPU, a private data folder and settings, as the runtime gives
 * them; with {@link #withVersion}, the version of the weights to load, as the runtime names a
 * training's or an upload's folder ({@link WarmContext#modelVersion()}).
 */
public final class TestWarmContexts {

    private TestWarmContexts() {
    }

    /** @return a context on the CPU with a new temporary data folder and no settings */
    public static WarmContext cpu() {
        return cpu(Map.of());
    }

    /**
     * @param settings the settings the module reads (as {@code --model-setting} would give them)
     * @return a context on the CPU with a new temporary data folder
     */
    public static WarmContext cpu(Map<String, String> settings) {
        try {
            return of(Device.cpu(), Files.createTempDirectory("model-data"), settings);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * @param device the device
     * @param dataDir the module's private data folder
     * @param settings its settings
     * @return the context
     */
    public static WarmContext of(Device device, Path dataDir, Map<String, String> settings) {
        return new WarmContext(device, dataDir, settings, System.getLogger("model.test"));
    }

    /**
     * A context that names a version to load, as the runtime gives one for a version made by a
     * training (the files it wrote into {@code TrainingContext.modelDir()}) or by an upload.
     *
     * <pre>{@code
     * RecordingTrainingContext training = RecordingTrainingContext.inTempFolder();
     * module.train(Requests.train(module, Map.of()), training);
     * fresh.warm(TestWarmContexts.withVersion("2", training.modelDir()));
     * }</pre>
     *
     * @param id the version's id, e.g. {@code "2"}
     * @param dir the folder of its files
     * @return a context on the CPU with a new temporary data folder and no settings
     */
    public static WarmContext withVersion(String id, Path dir) {
        WarmContext plain = cpu();
        return new WarmContext(plain.device(), plain.dataDir(), plain.settings(), plain.logger(),
                Optional.of(new ModelVersion(id, dir)));
    }
}
