package io.jdeepaas.runtime.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Everything the runtime was told at start-up. Immutable; built once by the CLI.
 *
 * @param listenIp the address to listen on
 * @param listenPort the port (0 picks a free one)
 * @param basePath a prefix for every route, {@code ""} for none
 * @param modelNames serve only these models; empty serves all
 * @param modulePath jars and folders to discover modules in, besides the classpath
 * @param workers concurrent predictions per model
 * @param predictQueueSize predictions waiting per model before 429
 * @param predictTimeout how long a prediction may take before 504
 * @param trainWorkers concurrent trainings
 * @param trainQueueSize trainings waiting per model before 429
 * @param device the default device spec: {@code auto}, {@code cpu}, {@code gpu} or {@code gpu:N}
 * @param dataDir where trainings, artifacts, caches and temporary uploads live
 * @param maxUploadSize the largest request body in bytes
 * @param predictEndpoint whether predict routes are served
 * @param trainEndpoint whether train routes are served
 * @param settings global settings handed to providers and modules (e.g. {@code model-store})
 * @param modelSettings per-model settings by model name (e.g. {@code device}; {@code workers},
 *     {@code queue-size} and {@code timeout} override the global prediction limits for that model)
 * @param maxLoadedModels how many models may be loaded at once; beyond it the least recently used one
 *     is unloaded and the others are loaded on first use. 0 means no limit
 */
public record RuntimeConfig(String listenIp, int listenPort, String basePath, Set<String> modelNames,
                            List<Path> modulePath, int workers, int predictQueueSize, Duration predictTimeout,
                            int trainWorkers, int trainQueueSize, String device, Path dataDir, long maxUploadSize,
                            boolean predictEndpoint, boolean trainEndpoint, Map<String, String> settings,
                            Map<String, Map<String, String>> modelSettings, int maxLoadedModels) {

    /** The per-model setting keys that override the prediction limits. */
    public static final String WORKERS = "workers";
    public static final String QUEUE_SIZE = "queue-size";
    public static final String TIMEOUT = "timeout";

    public RuntimeConfig {
        basePath = normalizeBasePath(basePath);
        modelNames = Set.copyOf(modelNames);
        modulePath = List.copyOf(modulePath);
        settings = Map.copyOf(settings);
        modelSettings = Map.copyOf(modelSettings);
        dataDir = dataDir.toAbsolutePath().normalize();
        if (workers < 1 || trainWorkers < 1) {
            throw new IllegalArgumentException("--workers and --train-workers must be at least 1");
        }
        if (predictQueueSize < 0 || trainQueueSize < 0) {
            throw new IllegalArgumentException("queue sizes must be at least 0");
        }
        if (maxUploadSize < 1) {
            throw new IllegalArgumentException("--max-upload-size must be positive");
        }
        if (maxLoadedModels < 0) {
            throw new IllegalArgumentException("--max-loaded-models must be at least 0 (0 = no limit)");
        }
        if (predictTimeout.isNegative() || predictTimeout.isZero()) {
            throw new IllegalArgumentException("--predict-timeout must be positive");
        }
        modelSettings.forEach((model, own) -> { // a malformed per-model limit fails now, at start-up
            if (own.containsKey(WORKERS)) {
                parseInt(model, WORKERS, own.get(WORKERS), 1);
            }
            if (own.containsKey(QUEUE_SIZE)) {
                parseInt(model, QUEUE_SIZE, own.get(QUEUE_SIZE), 0);
            }
            if (own.containsKey(TIMEOUT)) {
                parseSeconds(model, own.get(TIMEOUT));
            }
        });
    }

    /** @return a configuration with the defaults of {@code deepaas-run}, for tests and embedding */
    public static RuntimeConfig defaults(Path dataDir) {
        return new RuntimeConfig("127.0.0.1", 5000, "", Set.of(), List.of(), 4, 64, Duration.ofSeconds(60), 1, 100,
                "auto", dataDir, 100L * 1024 * 1024, true, true, Map.of(), Map.of(), 0);
    }

    /** @return the device spec for one model: its own setting, else the global one */
    public String deviceFor(String model) {
        return modelSetting(model, "device").orElse(device);
    }

    /**
     * @return one model's prediction limits: its own {@code workers}, {@code queue-size} and
     *     {@code timeout} (seconds) settings, else the global flags
     * @throws IllegalArgumentException when a per-model limit is not a valid number
     */
    public PredictionLimits limitsFor(String model) {
        int modelWorkers = modelSetting(model, WORKERS).map(v -> parseInt(model, WORKERS, v, 1)).orElse(workers);
        int modelQueue = modelSetting(model, QUEUE_SIZE).map(v -> parseInt(model, QUEUE_SIZE, v, 0))
                .orElse(predictQueueSize);
        Duration modelTimeout = modelSetting(model, TIMEOUT).map(v -> parseSeconds(model, v)).orElse(predictTimeout);
        return new PredictionLimits(modelWorkers, modelQueue, modelTimeout);
    }

    private static int parseInt(String model, String key, String value, int min) {
        try {
            int parsed = Integer.parseInt(value.strip());
            if (parsed >= min) {
                return parsed;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException("--model-setting " + model + "." + key + " must be an integer of at least "
                + min + ", got '" + value + "'");
    }

    private static Duration parseSeconds(String model, String value) {
        try {
            double seconds = Double.parseDouble(value.strip());
            if (seconds > 0) {
                return Duration.ofNanos((long) (seconds * 1e9));
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException("--model-setting " + model + ".timeout must be a positive number of seconds,"
                + " got '" + value + "'");
    }

    /** @return one model's setting, if set */
    public Optional<String> modelSetting(String model, String key) {
        return Optional.ofNullable(modelSettings.getOrDefault(model, Map.of()).get(key));
    }

    /** @return global settings overlaid with the model's own, as handed to its {@code warm} */
    public Map<String, String> settingsFor(String model) {
        Map<String, String> merged = new java.util.HashMap<>(settings);
        merged.putAll(modelSettings.getOrDefault(model, Map.of()));
        return merged;
    }

    /** @return whether a model should be served under the {@code --model-name} filter */
    public boolean serves(String model) {
        return modelNames.isEmpty() || modelNames.contains(model);
    }

    private static String normalizeBasePath(String path) {
        if (path == null || path.isBlank() || path.equals("/")) {
            return "";
        }
        String trimmed = path.strip();
        if (!trimmed.startsWith("/")) {
            trimmed = "/" + trimmed;
        }
        while (trimmed.endsWith("/")) {
            trimmed = trimmed.substring(0, trimmed.length() - 1);
        }
        return trimmed;
    }

    /** Returns a copy with other values; used by tests and the CLI to adjust a few fields. */
    public RuntimeConfig withListenPort(int port) {
        return new RuntimeConfig(listenIp, port, basePath, modelNames, modulePath, workers, predictQueueSize,
                predictTimeout, trainWorkers, trainQueueSize, device, dataDir, maxUploadSize, predictEndpoint,
                trainEndpoint, settings, modelSettings, maxLoadedModels);
    }

    /** Returns a copy with other global prediction limits. */
    public RuntimeConfig withPredictionLimits(int newWorkers, int newQueueSize, Duration newTimeout) {
        return new RuntimeConfig(listenIp, listenPort, basePath, modelNames, modulePath, newWorkers, newQueueSize,
                newTimeout, trainWorkers, trainQueueSize, device, dataDir, maxUploadSize, predictEndpoint,
                trainEndpoint, settings, modelSettings, maxLoadedModels);
    }

    /** Returns a copy with one more per-model setting, as {@code --model-setting MODEL.KEY=VALUE} gives. */
    public RuntimeConfig withModelSetting(String model, String key, String value) {
        Map<String, Map<String, String>> all = new java.util.HashMap<>(modelSettings);
        Map<String, String> own = new java.util.HashMap<>(all.getOrDefault(model, Map.of()));
        own.put(key, value);
        all.put(model, own);
        return new RuntimeConfig(listenIp, listenPort, basePath, modelNames, modulePath, workers, predictQueueSize,
                predictTimeout, trainWorkers, trainQueueSize, device, dataDir, maxUploadSize, predictEndpoint,
                trainEndpoint, settings, all, maxLoadedModels);
    }

    /** Returns a copy with another limit of loaded models (0 = no limit). */
    public RuntimeConfig withMaxLoadedModels(int limit) {
        return new RuntimeConfig(listenIp, listenPort, basePath, modelNames, modulePath, workers, predictQueueSize,
                predictTimeout, trainWorkers, trainQueueSize, device, dataDir, maxUploadSize, predictEndpoint,
                trainEndpoint, settings, modelSettings, limit);
    }
}
