package io.jdeepaas.runtime.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Option;

/** Flags shared by the server and the local subcommands: which modules, where data lives, which device. */
final class ModuleOptions {

    @Option(names = "--module-path", split = ":", paramLabel = "PATH",
            defaultValue = "${env:DEEPAAS_MODULE_PATH}",
            description = "Jars or folders holding modules, besides the classpath (env DEEPAAS_MODULE_PATH).")
    List<Path> modulePath = new ArrayList<>();

    @Option(names = "--model-name", split = ",", paramLabel = "NAME", defaultValue = "${env:DEEPAAS_MODEL_NAME}",
            description = "Serve only these models (env DEEPAAS_MODEL_NAME).")
    List<String> modelNames = new ArrayList<>();

    @Option(names = "--device", defaultValue = "${env:DEEPAAS_DEVICE:-auto}",
            description = "auto, cpu, gpu or gpu:N (env DEEPAAS_DEVICE; default ${DEFAULT-VALUE}).")
    String device;

    @Option(names = "--data-dir", defaultValue = "${env:DEEPAAS_DATA_DIR:-data}",
            description = "Where trainings, artifacts and caches live (env DEEPAAS_DATA_DIR; default ${DEFAULT-VALUE}).")
    Path dataDir;

    @Option(names = "--engine-cache", defaultValue = "${env:DEEPAAS_ENGINE_CACHE}", paramLabel = "DIR",
            description = "Where engine native libraries are extracted once, when a model first needs them"
                    + " (env DEEPAAS_ENGINE_CACHE; default ~/.cache/jdeepaas/engines, or $XDG_CACHE_HOME/jdeepaas/engines).")
    Path engineCache;

    @Option(names = "--database-url", defaultValue = "${env:DEEPAAS_DATABASE_URL}", paramLabel = "JDBC_URL",
            description = "Where training records live: a jdbc:postgresql://host:port/db URL shared by replicas"
                    + " (env DEEPAAS_DATABASE_URL; default an embedded H2 file under --data-dir).")
    String databaseUrl;

    @Option(names = "--database-user", defaultValue = "${env:DEEPAAS_DATABASE_USER}",
            description = "The database user, unless the URL names it (env DEEPAAS_DATABASE_USER).")
    String databaseUser;

    @Option(names = "--database-password", defaultValue = "${env:DEEPAAS_DATABASE_PASSWORD}",
            description = "The database password, unless the URL carries it (env DEEPAAS_DATABASE_PASSWORD).")
    String databasePassword;

    @Option(names = "--model-store", defaultValue = "${env:DEEPAAS_MODEL_STORE}", paramLabel = "DIR",
            description = "A folder of model folders served by the model-folder provider (env DEEPAAS_MODEL_STORE).")
    Path modelStore;

    @Option(names = "--setting", paramLabel = "KEY=VALUE",
            description = "A setting handed to every module's warm and to providers.")
    Map<String, String> settings = new LinkedHashMap<>();

    @Option(names = "--model-setting", paramLabel = "MODEL.KEY=VALUE",
            description = "A setting for one model, e.g. iris.device=cpu; workers, queue-size and timeout (seconds)"
                    + " override the prediction limits for that model, e.g. iris.workers=2; predict-role and"
                    + " train-role name the role its predict and training routes need, e.g. iris.train-role=admin.")
    Map<String, String> modelSettings = new LinkedHashMap<>();

    /** @return a configuration builder holding these flags, with the server defaults otherwise */
    io.jdeepaas.runtime.config.RuntimeConfig.Builder toBuilder() {
        return io.jdeepaas.runtime.config.RuntimeConfig.builder(dataDir).modelNames(new java.util.HashSet<>(modelNames))
                .modulePath(modulePath).device(device).engineCacheDir(engineCache).settings(globalSettings()).modelSettings(perModelSettings())
                .database(database());
    }

    /** @return a configuration for running modules locally, with the server defaults otherwise */
    io.jdeepaas.runtime.config.RuntimeConfig toConfig() {
        return toBuilder().build();
    }

    io.jdeepaas.runtime.config.DatabaseConfig database() {
        return new io.jdeepaas.runtime.config.DatabaseConfig(databaseUrl, databaseUser, databasePassword);
    }

    Map<String, String> globalSettings() {
        Map<String, String> all = new LinkedHashMap<>(settings);
        if (modelStore != null) {
            all.put("model-store", modelStore.toAbsolutePath().toString());
        }
        return all;
    }

    Map<String, Map<String, String>> perModelSettings() {
        Map<String, Map<String, String>> byModel = new HashMap<>();
        modelSettings.forEach((key, value) -> {
            int dot = key.indexOf('.');
            if (dot <= 0 || dot == key.length() - 1) {
                throw new IllegalArgumentException("--model-setting needs MODEL.KEY=VALUE, got " + key + "=" + value);
            }
            byModel.computeIfAbsent(key.substring(0, dot), k -> new HashMap<>()).put(key.substring(dot + 1), value);
        });
        return byModel;
    }
}
