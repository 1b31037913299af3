package io.jdeepaas.runtime.cli;

import io.jdeepaas.runtime.config.BatchSettings;
import io.jdeepaas.runtime.config.ByteSize;
import io.jdeepaas.runtime.config.RuntimeConfig;
import io.jdeepaas.runtime.config.TrainIsolation;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** The flags of {@code deepaas-run}, each with its environment variable. */
final class ServerOptions {

    @Mixin
    ModuleOptions modules = new ModuleOptions();

    @Mixin
    AuthOptions auth = new AuthOptions();

    @Option(names = "--listen-ip", defaultValue = "${env:DEEPAAS_LISTEN_IP:-127.0.0.1}",
            description = "Address to listen on (env DEEPAAS_LISTEN_IP; default ${DEFAULT-VALUE}).")
    String listenIp;

    @Option(names = "--listen-port", defaultValue = "${env:DEEPAAS_LISTEN_PORT:-5000}",
            description = "Port to listen on, 0 for any free one (env DEEPAAS_LISTEN_PORT; default ${DEFAULT-VALUE}).")
    int listenPort;

    @Option(names = "--base-path", defaultValue = "${env:DEEPAAS_BASE_PATH:-}",
            description = "A prefix for every route, e.g. /deepaas (env DEEPAAS_BASE_PATH).")
    String basePath;

    @Option(names = "--workers", defaultValue = "${env:DEEPAAS_WORKERS:-4}",
            description = "Concurrent predictions per model (env DEEPAAS_WORKERS; default ${DEFAULT-VALUE}).")
    int workers;

    @Option(names = "--predict-queue-size", defaultValue = "${env:DEEPAAS_PREDICT_QUEUE_SIZE:-64}",
            description = "Predictions waiting per model before 429 (env DEEPAAS_PREDICT_QUEUE_SIZE; default ${DEFAULT-VALUE}).")
    int predictQueueSize;

    @Option(names = "--predict-timeout", defaultValue = "${env:DEEPAAS_PREDICT_TIMEOUT:-60}",
            description = "Seconds a prediction may take before 504 (env DEEPAAS_PREDICT_TIMEOUT; default ${DEFAULT-VALUE}).")
    double predictTimeout;

    @Option(names = "--watch", defaultValue = "${env:DEEPAAS_WATCH:-false}",
            description = "Dev mode: reload a module when its jar or classes folder on the module path changes"
                    + " (env DEEPAAS_WATCH).")
    boolean watch;

    @Option(names = "--max-loaded-models", defaultValue = "${env:DEEPAAS_MAX_LOADED_MODELS:-0}",
            description = "Models (and versions loaded beside them) loaded at once; beyond it the least recently used"
                    + " is unloaded and others load on first use. 0 = no limit (env DEEPAAS_MAX_LOADED_MODELS;"
                    + " default ${DEFAULT-VALUE}).")
    int maxLoadedModels;

    @Option(names = "--train-workers", defaultValue = "${env:DEEPAAS_TRAIN_WORKERS:-1}",
            description = "Concurrent trainings (env DEEPAAS_TRAIN_WORKERS; default ${DEFAULT-VALUE}).")
    int trainWorkers;

    @Option(names = "--train-queue-size", defaultValue = "${env:DEEPAAS_TRAIN_QUEUE_SIZE:-100}",
            description = "Trainings waiting per model before 429 (env DEEPAAS_TRAIN_QUEUE_SIZE; default ${DEFAULT-VALUE}).")
    int trainQueueSize;

    @Option(names = "--train-isolation", defaultValue = "${env:DEEPAAS_TRAIN_ISOLATION:-thread}", paramLabel = "MODE",
            description = "thread: trainings run on threads of this JVM; process: each training runs in a child JVM,"
                    + " killed when cancelled past --cancel-grace, and whose crash ends only that training"
                    + " (env DEEPAAS_TRAIN_ISOLATION; default ${DEFAULT-VALUE}).")
    String trainIsolation;

    @Option(names = "--cancel-grace", defaultValue = "${env:DEEPAAS_CANCEL_GRACE:-10}", paramLabel = "SECONDS",
            description = "With --train-isolation process, seconds a cancelled training may take to stop before its"
                    + " process is killed (env DEEPAAS_CANCEL_GRACE; default ${DEFAULT-VALUE}).")
    double cancelGrace;

    @Option(names = "--heartbeat-interval", defaultValue = "${env:DEEPAAS_HEARTBEAT_INTERVAL:-5}",
            paramLabel = "SECONDS",
            description = "How often a replica refreshes the heartbeat of its running trainings and picks up"
                    + " cancellations asked through other replicas (env DEEPAAS_HEARTBEAT_INTERVAL; default ${DEFAULT-VALUE}).")
    double heartbeatInterval;

    @Option(names = "--heartbeat-timeout", defaultValue = "${env:DEEPAAS_HEARTBEAT_TIMEOUT:-30}",
            paramLabel = "SECONDS",
            description = "With a shared database, a running training whose heartbeat is older than this is marked"
                    + " interrupted by another replica (env DEEPAAS_HEARTBEAT_TIMEOUT; default ${DEFAULT-VALUE}).")
    double heartbeatTimeout;

    @Option(names = "--max-upload-size", defaultValue = "${env:DEEPAAS_MAX_UPLOAD_SIZE:-100MB}",
            description = "Largest request body, e.g. 100MB (env DEEPAAS_MAX_UPLOAD_SIZE; default ${DEFAULT-VALUE}).")
    String maxUploadSize;

    @Option(names = "--max-parts", defaultValue = "${env:DEEPAAS_MAX_PARTS:-1000}",
            description = "Most parts (fields and files) of one multipart body; more is refused with 413"
                    + " (env DEEPAAS_MAX_PARTS; default ${DEFAULT-VALUE}).")
    int maxParts;

    @Option(names = "--idle-timeout", defaultValue = "${env:DEEPAAS_IDLE_TIMEOUT:-30}", paramLabel = "SECONDS",
            description = "Seconds a connection may stay silent, also in the middle of a request body (then 408),"
                    + " before the server closes it (env DEEPAAS_IDLE_TIMEOUT; default ${DEFAULT-VALUE}).")
    double idleTimeout;

    @Option(names = "--predict-endpoint", negatable = true, defaultValue = "${env:DEEPAAS_PREDICT_ENDPOINT:-true}",
            fallbackValue = "true", description = "Serve predict routes (env DEEPAAS_PREDICT_ENDPOINT; default true).")
    boolean predictEndpoint;

    @Option(names = "--train-endpoint", negatable = true, defaultValue = "${env:DEEPAAS_TRAIN_ENDPOINT:-true}",
            fallbackValue = "true", description = "Serve train routes (env DEEPAAS_TRAIN_ENDPOINT; default true).")
    boolean trainEndpoint;

    @Option(names = "--max-batch-size", defaultValue = "${env:DEEPAAS_MAX_BATCH_SIZE:-1}",
            description = "Rows of concurrent tensor-inference requests stacked into one call for batchable models;"
                    + " 1 is off; per model with --model-setting MODEL.max-batch-size=N"
                    + " (env DEEPAAS_MAX_BATCH_SIZE; default ${DEFAULT-VALUE}).")
    int maxBatchSize;

    @Option(names = "--max-batch-delay", defaultValue = "${env:DEEPAAS_MAX_BATCH_DELAY:-5}",
            description = "The most milliseconds a batch waits for more requests, only while every other worker is busy"
                    + " (a lone request never waits); per model with"
                    + " --model-setting MODEL.max-batch-delay=MS (env DEEPAAS_MAX_BATCH_DELAY; default ${DEFAULT-VALUE}).")
    long maxBatchDelay;

    @Option(names = "--max-event-streams", defaultValue = "${env:DEEPAAS_MAX_EVENT_STREAMS:-1000}",
            description = "Training event streams open at once on this server before 429"
                    + " (env DEEPAAS_MAX_EVENT_STREAMS; default ${DEFAULT-VALUE}).")
    int maxEventStreams;

    @Option(names = "--max-event-streams-per-training",
            defaultValue = "${env:DEEPAAS_MAX_EVENT_STREAMS_PER_TRAINING:-100}",
            description = "Event streams open at once on one training before 429"
                    + " (env DEEPAAS_MAX_EVENT_STREAMS_PER_TRAINING; default ${DEFAULT-VALUE}).")
    int maxEventStreamsPerTraining;

    @Option(names = "--event-stream-keep-alive", defaultValue = "${env:DEEPAAS_EVENT_STREAM_KEEP_ALIVE:-15}",
            paramLabel = "SECONDS",
            description = "Seconds between the keep-alive comments of an event stream; a client that has gone is"
                    + " noticed at the next one (env DEEPAAS_EVENT_STREAM_KEEP_ALIVE; default ${DEFAULT-VALUE}).")
    double eventStreamKeepAlive;

    RuntimeConfig toConfig() {
        return modules.toBuilder().listenIp(listenIp).listenPort(listenPort).basePath(basePath).workers(workers)
                .predictQueueSize(predictQueueSize).predictTimeout(Duration.ofMillis((long) (predictTimeout * 1000)))
                .trainWorkers(trainWorkers).trainQueueSize(trainQueueSize).maxUploadSize(ByteSize.parse(maxUploadSize))
                .predictEndpoint(predictEndpoint).trainEndpoint(trainEndpoint).maxLoadedModels(maxLoadedModels).watch(watch)
                .trainIsolation(TrainIsolation.parse(trainIsolation)).cancelGrace(seconds(cancelGrace))
                .heartbeatInterval(seconds(heartbeatInterval)).heartbeatTimeout(seconds(heartbeatTimeout))
                .maxParts(maxParts).idleTimeout(seconds(idleTimeout))
                .settings(withBatching(modules.globalSettings())).auth(auth.toConfig()).maxEventStreams(maxEventStreams)
                .maxEventStreamsPerTraining(maxEventStreamsPerTraining)
                .eventStreamKeepAlive(seconds(eventStreamKeepAlive)).build();
    }

    private static Duration seconds(double value) {
        return Duration.ofMillis((long) (value * 1000));
    }

    /** The batching flags travel as global settings, which a model's own settings override. */
    private Map<String, String> withBatching(Map<String, String> settings) {
        Map<String, String> all = new LinkedHashMap<>(settings);
        all.putIfAbsent(BatchSettings.SIZE, String.valueOf(maxBatchSize));
        all.putIfAbsent(BatchSettings.DELAY, String.valueOf(maxBatchDelay));
        return all;
    }
}
