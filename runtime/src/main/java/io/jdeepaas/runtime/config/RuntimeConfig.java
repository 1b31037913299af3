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
 * @param workers concurrent predictions and infer calls per model, together
 * @param predictQueueSize predict and infer requests waiting per model before 429
 * @param predictTimeout how long a prediction may take before 504
 * @param trainWorkers concurrent trainings
 * @param trainQueueSize trainings waiting per model before 429
 * @param device the default device spec: {@code auto}, {@code cpu}, {@code gpu} or {@code gpu:N}
 * @param dataDir where trainings, artifacts, caches and temporary uploads live
 * @param engineCacheDir where engine native libraries are extracted once (per user by default: {@code ~/.cache/jdeepaas/engines}, see {@code EngineSetup.userCache})
 * @param maxUploadSize the largest request body in bytes
 * @param predictEndpoint whether predict routes are served
 * @param trainEndpoint whether train routes are served
 * @param settings global settings handed to providers and modules (e.g. {@code model-store})
 * @param modelSettings per-model settings by model name (e.g. {@code device})
 * @param database where training records live
 * @param maxLoadedModels how many models may be loaded at once; beyond it the least recently used one
 *     is unloaded and the others are loaded on first use. 0 means no limit
 * @param trainIsolation whether trainings run on threads of this JVM or each in a child JVM
 * @param cancelGrace how long a cancelled training running in a child JVM may take to stop before it
 *     is killed
 * @param heartbeatInterval how often this replica refreshes the heartbeat of its running trainings
 *     (and looks for cancellations asked through other replicas)
 * @param heartbeatTimeout a training whose heartbeat is older than this is taken as interrupted by a
 *     replica sharing the database
 * @param auth who may call the server
 * @param watch dev mode: reload a module whose jar or classes folder on the module path changes
 * @param maxParts the most parts a multipart body may have
 * @param idleTimeout how long a connection may stay silent, also while it sends a request body,
 *     before the server gives up on it (408 during a body)
 * @param maxEventStreams training event streams open at once on this server; beyond it 429
 * @param maxEventStreamsPerTraining event streams open at once on one training; beyond it 429
 * @param eventStreamKeepAlive how often every event stream gets a keep-alive comment (which also
 *     frees the streams of clients that have gone)
 */
public record RuntimeConfig(String listenIp, int listenPort, String basePath, Set<String> modelNames,
                            List<Path> modulePath, int workers, int predictQueueSize, Duration predictTimeout,
                            int trainWorkers, int trainQueueSize, String device, Path dataDir, Path engineCacheDir,
                            long maxUploadSize,
                            boolean predictEndpoint, boolean trainEndpoint, Map<String, String> settings,
                            Map<String, Map<String, String>> modelSettings, DatabaseConfig database,
                            int maxLoadedModels, TrainIsolation trainIsolation, Duration cancelGrace,
                            Duration heartbeatInterval, Duration heartbeatTimeout, SecurityConfig auth, boolean watch,
                            int maxParts, Duration idleTimeout, int maxEventStreams, int maxEventStreamsPerTraining,
                            Duration eventStreamKeepAlive) {

    /** The per-model setting keys that override the prediction limits. */
    public static final String WORKERS = "workers";
    public static final String QUEUE_SIZE = "queue-size";
    public static final String TIMEOUT = "timeout";

    public RuntimeConfig {
        database = database == null ? DatabaseConfig.embedded() : database;
        auth = auth == null ? SecurityConfig.off() : auth;
        trainIsolation = trainIsolation == null ? TrainIsolation.THREAD : trainIsolation;
        if (cancelGrace.isNegative()) {
            throw new IllegalArgumentException("--cancel-grace must be at least 0");
        }
        if (heartbeatInterval.isNegative() || heartbeatInterval.isZero()
                || heartbeatTimeout.compareTo(heartbeatInterval.multipliedBy(2)) < 0) {
            throw new IllegalArgumentException("--heartbeat-interval must be positive and --heartbeat-timeout at least"
                    + " twice as long, got " + heartbeatInterval.toMillis() / 1000.0 + " s and "
                    + heartbeatTimeout.toMillis() / 1000.0 + " s");
        }
        if (maxEventStreams < 1 || maxEventStreamsPerTraining < 1) {
            throw new IllegalArgumentException("--max-event-streams and --max-event-streams-per-training must be at"
                    + " least 1");
        }
        if (eventStreamKeepAlive.toMillis() < 100) {
            throw new IllegalArgumentException("--event-stream-keep-alive must be at least 0.1 seconds");
        }
        basePath = normalizeBasePath(basePath);
        modelNames = Set.copyOf(modelNames);
        modulePath = List.copyOf(modulePath);
        settings = Map.copyOf(settings);
        modelSettings = Map.copyOf(modelSettings);
        dataDir = dataDir.toAbsolutePath().normalize();
        engineCacheDir = (engineCacheDir == null ? io.jdeepaas.runtime.engines.EngineSetup.userCache() : engineCacheDir)
                .toAbsolutePath().normalize();
        if (workers < 1 || trainWorkers < 1) {
            throw new IllegalArgumentException("--workers and --train-workers must be at least 1");
        }
        if (predictQueueSize < 0 || trainQueueSize < 0) {
            throw new IllegalArgumentException("queue sizes must be at least 0");
        }
        if (maxUploadSize < 1) {
            throw new IllegalArgumentException("--max-upload-size must be positive");
        }
        if (maxParts < 1) {
            throw new IllegalArgumentException("--max-parts must be at least 1");
        }
        if (idleTimeout.isNegative() || idleTimeout.isZero()) {
            throw new IllegalArgumentException("--idle-timeout must be positive");
        }
        if (maxLoadedModels < 0) {
            throw new IllegalArgumentException("--max-loaded-models must be at least 0 (0 = no limit)");
        }
        if (predictTimeout.isNegative() || predictTimeout.isZero()) {
            throw new IllegalArgumentException("--predict-timeout must be positive");
        }
        io.jdeepaas.runtime.auth.ModelRoles.from(modelSettings); // an unknown per-model role fails now, at start-up
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

    /** @return a builder holding the defaults of {@code deepaas-run}, for the CLI, tests and embedding */
    public static Builder builder(Path dataDir) {
        return new Builder(dataDir);
    }

    /** @return the defaults of {@code deepaas-run} */
    public static RuntimeConfig defaults(Path dataDir) {
        return builder(dataDir).build();
    }

    /** @return a builder holding this configuration's values */
    public Builder toBuilder() {
        return new Builder(dataDir).listenIp(listenIp).listenPort(listenPort).basePath(basePath).modelNames(modelNames)
                .modulePath(modulePath).workers(workers).predictQueueSize(predictQueueSize)
                .predictTimeout(predictTimeout).trainWorkers(trainWorkers).trainQueueSize(trainQueueSize)
                .device(device).engineCacheDir(engineCacheDir).maxUploadSize(maxUploadSize).predictEndpoint(predictEndpoint)
                .trainEndpoint(trainEndpoint).settings(settings).modelSettings(modelSettings).database(database)
                .maxLoadedModels(maxLoadedModels)
                .trainIsolation(trainIsolation).cancelGrace(cancelGrace).heartbeatInterval(heartbeatInterval)
                .heartbeatTimeout(heartbeatTimeout).auth(auth).watch(watch).maxParts(maxParts).idleTimeout(idleTimeout)
                .maxEventStreams(maxEventStreams).maxEventStreamsPerTraining(maxEventStreamsPerTraining)
                .eventStreamKeepAlive(eventStreamKeepAlive);
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

    /** Collects the values of a {@link RuntimeConfig}, starting from the defaults; one setter per field. */
    public static final class Builder {
        private String listenIp = "127.0.0.1";
        private int listenPort = 5000;
        private String basePath = "";
        private Set<String> modelNames = Set.of();
        private List<Path> modulePath = List.of();
        private int workers = 4;
        private int predictQueueSize = 64;
        private Duration predictTimeout = Duration.ofSeconds(60);
        private int trainWorkers = 1;
        private int trainQueueSize = 100;
        private String device = "auto";
        private Path dataDir;
        private Path engineCacheDir;
        private long maxUploadSize = 100L * 1024 * 1024;
        private boolean predictEndpoint = true;
        private boolean trainEndpoint = true;
        private Map<String, String> settings = Map.of();
        private Map<String, Map<String, String>> modelSettings = Map.of();
        private DatabaseConfig database = DatabaseConfig.embedded();
        private int maxLoadedModels;
        private TrainIsolation trainIsolation = TrainIsolation.THREAD;
        private Duration cancelGrace = Duration.ofSeconds(10);
        private Duration heartbeatInterval = Duration.ofSeconds(5);
        private Duration heartbeatTimeout = Duration.ofSeconds(30);
        private SecurityConfig auth = SecurityConfig.off();
        private boolean watch;
        private int maxParts = 1000;
        private Duration idleTimeout = Duration.ofSeconds(30);
        private int maxEventStreams = 1000;
        private int maxEventStreamsPerTraining = 100;
        private Duration eventStreamKeepAlive = Duration.ofSeconds(15);

        private Builder(Path dataDir) {
            this.dataDir = dataDir;
        }

        public Builder listenIp(String value) { listenIp = value; return this; }
        public Builder listenPort(int value) { listenPort = value; return this; }
        public Builder basePath(String value) { basePath = value; return this; }
        public Builder modelNames(Set<String> value) { modelNames = value; return this; }
        public Builder modulePath(List<Path> value) { modulePath = value; return this; }
        public Builder workers(int value) { workers = value; return this; }
        public Builder predictQueueSize(int value) { predictQueueSize = value; return this; }
        public Builder predictTimeout(Duration value) { predictTimeout = value; return this; }
        public Builder trainWorkers(int value) { trainWorkers = value; return this; }
        public Builder trainQueueSize(int value) { trainQueueSize = value; return this; }
        public Builder device(String value) { device = value; return this; }
        public Builder dataDir(Path value) { dataDir = value; return this; }
        public Builder engineCacheDir(Path value) { engineCacheDir = value; return this; }
        public Builder maxUploadSize(long value) { maxUploadSize = value; return this; }
        public Builder predictEndpoint(boolean value) { predictEndpoint = value; return this; }
        public Builder trainEndpoint(boolean value) { trainEndpoint = value; return this; }
        public Builder settings(Map<String, String> value) { settings = value; return this; }
        public Builder modelSettings(Map<String, Map<String, String>> value) { modelSettings = value; return this; }
        public Builder database(DatabaseConfig value) { database = value; return this; }
        public Builder maxLoadedModels(int value) { maxLoadedModels = value; return this; }

        /** Sets the global prediction limits: workers, queue size and timeout. */
        public Builder predictionLimits(int newWorkers, int newQueueSize, Duration newTimeout) {
            return workers(newWorkers).predictQueueSize(newQueueSize).predictTimeout(newTimeout);
        }

        /** Adds one per-model setting, as {@code --model-setting MODEL.KEY=VALUE} does. */
        public Builder modelSetting(String model, String key, String value) {
            Map<String, Map<String, String>> all = new java.util.HashMap<>(modelSettings);
            Map<String, String> own = new java.util.HashMap<>(all.getOrDefault(model, Map.of()));
            own.put(key, value);
            all.put(model, own);
            return modelSettings(all);
        }

        public Builder trainIsolation(TrainIsolation value) { trainIsolation = value; return this; }
        public Builder cancelGrace(Duration value) { cancelGrace = value; return this; }
        public Builder heartbeatInterval(Duration value) { heartbeatInterval = value; return this; }
        public Builder heartbeatTimeout(Duration value) { heartbeatTimeout = value; return this; }
        public Builder auth(SecurityConfig value) { auth = value; return this; }
        public Builder watch(boolean value) { watch = value; return this; }
        public Builder maxParts(int value) { maxParts = value; return this; }
        public Builder idleTimeout(Duration value) { idleTimeout = value; return this; }
        public Builder maxEventStreams(int value) { maxEventStreams = value; return this; }
        public Builder maxEventStreamsPerTraining(int value) { maxEventStreamsPerTraining = value; return this; }
        public Builder eventStreamKeepAlive(Duration value) { eventStreamKeepAlive = value; return this; }

        public RuntimeConfig build() {
            return new RuntimeConfig(listenIp, listenPort, basePath, modelNames, modulePath, workers, predictQueueSize,
                    predictTimeout, trainWorkers, trainQueueSize, device, dataDir, engineCacheDir, maxUploadSize, predictEndpoint,
                    trainEndpoint, settings, modelSettings, database, maxLoadedModels, trainIsolation, cancelGrace,
                    heartbeatInterval, heartbeatTimeout, auth, watch, maxParts, idleTimeout, maxEventStreams,
                    maxEventStreamsPerTraining, eventStreamKeepAlive);
        }
    }
}
