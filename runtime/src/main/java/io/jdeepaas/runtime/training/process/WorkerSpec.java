package io.jdeepaas.runtime.training.process;

import io.jdeepaas.runtime.registry.VersionToLoad;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * What a training worker JVM needs to run one training, sent as the parent's first message.
 *
 * @param model the model to warm and train
 * @param uuid the training's id
 * @param args the arguments as stored
 * @param inputDir the copies of its uploaded files
 * @param outputDir its artifacts folder
 * @param dataDir the runtime's data folder
 * @param engineCacheDir where engine natives are extracted
 * @param modulePath the runtime's {@code --module-path}
 * @param device the device the model was warmed on in the parent ({@code cpu}, {@code gpu:N})
 * @param settings global settings
 * @param modelSettings per-model settings
 * @param versionId the id of the model version the parent serves, which the worker warms (a training
 *     starts from the same weights as in thread isolation)
 * @param versionDir that version's folder, or {@code null} for the module's shipped weights
 */
public record WorkerSpec(String model, String uuid, Map<String, Object> args, String inputDir, String outputDir,
                         String dataDir, String engineCacheDir, List<String> modulePath, String device,
                         Map<String, String> settings, Map<String, Map<String, String>> modelSettings,
                         String versionId, String versionDir) {

    /** @return the version the worker warms */
    VersionToLoad version() {
        return versionId == null ? VersionToLoad.SHIPPED
                : new VersionToLoad(versionId, versionDir == null ? null : Path.of(versionDir));
    }
}
