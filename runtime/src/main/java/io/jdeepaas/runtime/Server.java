package io.jdeepaas.runtime;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.jdeepaas.runtime.auth.AccessPolicy;
import io.jdeepaas.runtime.auth.AuditTrail;
import io.jdeepaas.runtime.auth.Authenticator;
import io.jdeepaas.runtime.auth.JdbcApiKeys;
import io.jdeepaas.runtime.auth.ModelRoles;
import io.jdeepaas.runtime.auth.OidcSettings;
import io.jdeepaas.runtime.auth.TokenValidator;
import io.jdeepaas.runtime.config.SecurityConfig;
import io.jdeepaas.runtime.config.BatchSettings;
import io.jdeepaas.runtime.config.RuntimeConfig;
import io.jdeepaas.runtime.config.TrainIsolation;
import io.jdeepaas.runtime.engines.EngineInfo;
import io.jdeepaas.runtime.engines.EngineSetup;
import io.jdeepaas.runtime.http.DebugRoutes;
import io.jdeepaas.runtime.http.HttpServer;
import io.jdeepaas.runtime.http.OpenApiRoutes;
import io.jdeepaas.runtime.http.SwaggerUiRoutes;
import io.jdeepaas.runtime.openapi.ApiDescription;
import io.jdeepaas.runtime.openapi.OpenApiBuilder;
import io.jdeepaas.runtime.openapi.OpenApiDocument;
import io.jdeepaas.runtime.openapi.OpenApiSecurity;
import io.jdeepaas.runtime.openapi.ServedDocument;
import io.jdeepaas.runtime.inference.InferenceService;
import io.jdeepaas.runtime.inference.PredictionService;
import io.jdeepaas.runtime.json.Json;
import io.jdeepaas.runtime.metrics.RuntimeGauges;
import io.jdeepaas.runtime.metrics.ServingMetrics;
import io.jdeepaas.runtime.registry.ModelHandle;
import io.jdeepaas.runtime.registry.ModelLoader;
import io.jdeepaas.runtime.registry.ModelRegistry;
import io.jdeepaas.runtime.registry.ModelWarmer;
import io.jdeepaas.runtime.registry.ModuleDiscovery;
import io.jdeepaas.runtime.registry.ModuleWatcher;
import io.jdeepaas.runtime.registry.StartupException;
import io.jdeepaas.runtime.args.ArgumentParser;
import io.jdeepaas.runtime.startup.ModelStartup;
import io.jdeepaas.runtime.registry.VersionSwitcher;
import io.jdeepaas.runtime.versions.JdbcVersions;
import io.jdeepaas.runtime.versions.ModelVersionRecord;
import io.jdeepaas.runtime.versions.ServedVersions;
import io.jdeepaas.runtime.versions.VersionFolders;
import io.jdeepaas.runtime.versions.VersionFollower;
import io.jdeepaas.runtime.versions.VersionPolicy;
import io.jdeepaas.runtime.versions.VersionService;
import io.jdeepaas.runtime.training.ExperimentService;
import io.jdeepaas.runtime.training.TrainingFolders;
import io.jdeepaas.runtime.training.TrainingSettings;
import io.jdeepaas.runtime.training.jdbc.Database;
import io.jdeepaas.runtime.training.process.ProcessTrainingRunner;
import io.jdeepaas.runtime.training.jdbc.JdbcTrainingStore;
import io.jdeepaas.runtime.training.TrainingService;
import io.jdeepaas.spi.ProviderContext;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The runtime, started: load config, discover modules, build the services, listen, and warm the
 * models in the background (each answers 503 until it is ready; with {@code --max-loaded-models},
 * only the first ones, the others loading on first use).
 */
public final class Server implements AutoCloseable {

    /** The runtime's version, shown in the OpenAPI document and server metadata. */
    public static final String VERSION = "0.1.0";

    private static final Logger LOG = LoggerFactory.getLogger(Server.class);

    private final ModelRegistry registry;
    private final TrainingService trainings;
    private final ProcessTrainingRunner isolated;
    private final PredictionService predictions;
    private final InferenceService inference;
    private final HttpServer http;
    private final CompletableFuture<Void> warmed;
    private final ModelWarmer warmer;
    private final ModelLoader loader;
    private final ServingMetrics metrics;
    private final RuntimeGauges gauges;
    private final ModuleWatcher watcher;
    private final Closer versionParts;

    /** What serves versions, closed when the server stops. */
    private record Closer(VersionSwitcher switcher, ServedVersions served, VersionFollower follower) {
        void close() {
            if (follower != null) {
                follower.close();
            }
            switcher.close();
            served.close();
        }
    }

    private Server(ModelRegistry registry, TrainingService trainings, ProcessTrainingRunner isolated,
                   PredictionService predictions, InferenceService inference, HttpServer http,
                   CompletableFuture<Void> warmed, ModelWarmer warmer, ModelLoader loader, ServingMetrics metrics,
                   RuntimeGauges gauges, ModuleWatcher watcher, Closer versionParts) {
        this.versionParts = versionParts;
        this.registry = registry;
        this.trainings = trainings;
        this.isolated = isolated;
        this.predictions = predictions;
        this.inference = inference;
        this.http = http;
        this.warmed = warmed;
        this.warmer = warmer;
        this.loader = loader;
        this.metrics = metrics;
        this.gauges = gauges;
        this.watcher = watcher;
    }

    public static Server start(RuntimeConfig config) {
        refuseOpenNetworkWithoutAuth(config);
        SecurityConfig auth = config.auth();
        AccessPolicy access = new AccessPolicy(auth.metrics(), ModelRoles.from(config.modelSettings()));
        // the database opens and migrates while the modules are discovered
        CompletableFuture<Database> opening = CompletableFuture.supplyAsync(
                () -> Database.open(config.database(), config.dataDir()), Server::startupThread);
        Database database;
        ModelStartup models;
        try {
            models = ModelStartup.prepare(config);
            database = joined(opening);
        } catch (RuntimeException e) {
            opening.thenAccept(Database::close);
            throw e;
        }
        ObjectMapper json = Json.mapper();
        List<ModelHandle> handles = models.models();
        EngineSetup engines = models.engines();
        ModelWarmer warmer = models.warmer();
        ModelLoader loader = new ModelLoader(handles, warmer, config.maxLoadedModels(), config.predictTimeout());
        ModelRegistry registry = new ModelRegistry(handles, loader, config.predictTimeout());
        JdbcTrainingStore store = new JdbcTrainingStore(database, json);
        VersionSwitcher switcher = new VersionSwitcher(warmer, config.predictTimeout().plusSeconds(30));
        VersionService versions = new VersionService(new JdbcVersions(database, json),
                new VersionFolders(config.dataDir().resolve("models")), registry, switcher,
                name -> VersionPolicy.of(name, config.settingsFor(name)));
        versions.initialise();
        warmer.productionFrom(versions::production);
        ServedVersions served = new ServedVersions(versions, warmer, loader);
        versions.whenRetired(served::forget);
        registry.versionsFrom(served);
        Optional<JdbcApiKeys> keys = config.auth().apiKeys() ? Optional.of(new JdbcApiKeys(database)) : Optional.empty();
        Authenticator authenticator = new Authenticator(new TokenValidator(OidcSettings.of(auth.issuers(),
                auth.audiences(), auth.roles())), keys, auth.anonymousRoles());
        ProcessTrainingRunner isolated = config.trainIsolation() == TrainIsolation.PROCESS
                ? new ProcessTrainingRunner(config, json) : null;
        TrainingService trainings = new TrainingService(store, new TrainingFolders(config.dataDir().resolve("trainings")),
                registry, new ArgumentParser(json), TrainingSettings.of(config.trainWorkers(), config.trainQueueSize(),
                        TrainingSettings.newOwnerId(), config.database().isEmbedded())
                        .withHeartbeat(config.heartbeatInterval(), config.heartbeatTimeout()), isolated,
                (record, modelDir) -> versions.registerTraining(record.model(), record.uuid(), record.args(),
                        new java.util.LinkedHashMap<>(record.progress().metrics()), modelDir)
                        .map(ModelVersionRecord::id));
        ServingMetrics metrics = ServingMetrics.prometheus();
        RuntimeGauges gauges = RuntimeGauges.register(metrics.registry(), registry, store);
        PredictionService predictions = new PredictionService(config::limitsFor, metrics);
        InferenceService inference = new InferenceService(predictions, batching(config, registry));
        // built on first request or once the models are warm, never delaying ready
        ServedDocument openApi = new ServedDocument(() -> document(config, registry, access));
        HttpServer http = HttpServer.start(config, json, new HttpServer.Services(VERSION, registry, predictions, inference,
                trainings, new ExperimentService(store),
                engine -> EngineInfo.version(engine).orElse(null), List.of(new OpenApiRoutes(openApi)::register,
                        SwaggerUiRoutes.signingInAs(config.basePath(), auth.uiClientId())::register,
                        new DebugRoutes(engines)::register),
                loader, metrics, authenticator, access, keys,
                new AuditTrail(database), Optional.of(versions)));
        LOG.info("listening on http://{}:{}{}/ with models {} (trainings: {} isolation, {} database)", config.listenIp(),
                http.port(), config.basePath(), registry.all().stream().map(ModelHandle::name).toList(),
                config.trainIsolation().label(), config.database().isEmbedded() ? "embedded" : "shared");
        CompletableFuture<Void> warmed = loader.warmAtStartup();
        warmed.whenComplete((done, failed) -> openApi.prepareInBackground());
        ModuleWatcher watcher = config.watch() ? ModuleWatcher.start(config.modulePath(),
                new ModuleDiscovery(new ProviderContext(config.dataDir(), config.settings())), config::serves, handles,
                warmer, Duration.ofMillis(500), () -> rebuildOpenApi(openApi)) : null;
        VersionFollower follower = config.database().isEmbedded() ? null
                : VersionFollower.start(versions, Duration.ofSeconds(1));
        return new Server(registry, trainings, isolated, predictions, inference, http, warmed, warmer, loader, metrics,
                gauges, watcher, new Closer(switcher, served, follower));
    }

    /** @return the served document: the described API with the security its access table enforces */
    private static OpenApiDocument document(RuntimeConfig config, ModelRegistry registry, AccessPolicy access) {
        SecurityConfig auth = config.auth();
        return OpenApiDocument.of(OpenApiSecurity.apply(OpenApiBuilder.build(describeApi(config, registry)),
                new OpenApiSecurity.Settings(auth.issuers(), auth.apiKeys(), auth.anonymousRoles(), access,
                        registry.all().stream().map(ModelHandle::name).collect(java.util.stream.Collectors.toSet()))));
    }

    /** After a dev-mode reload: the documents describe the new code's declarations. */
    private static void rebuildOpenApi(ServedDocument openApi) {
        long start = System.nanoTime();
        try {
            openApi.rebuild();
            LOG.info("OpenAPI document rebuilt after a reload in {} ms (--watch)", (System.nanoTime() - start) / 1_000_000);
        } catch (RuntimeException e) {
            LOG.warn("the OpenAPI document could not be rebuilt after a reload, the previous one is served: {}",
                    e.getMessage());
        }
    }

    /**
     * Secure by default: without authentication the server answers everyone as an admin, which is
     * only allowed on a loopback address unless {@code --insecure} says it is meant.
     */
    static void refuseOpenNetworkWithoutAuth(RuntimeConfig config) {
        if (config.auth().enabled() || config.auth().insecure()) {
            return;
        }
        boolean loopback;
        try {
            loopback = java.net.InetAddress.getByName(config.listenIp()).isLoopbackAddress();
        } catch (java.net.UnknownHostException e) {
            throw new StartupException("--listen-ip " + config.listenIp() + " is not a known address");
        }
        if (!loopback) {
            throw new StartupException("refusing to listen on " + config.listenIp() + " without authentication: anyone"
                    + " reaching it could train, cancel and load models. Trust a provider (--oidc-issuer URL), enable"
                    + " API keys (--api-keys), or pass --insecure if a proxy in front does the checking");
        }
    }

    /** @return what the OpenAPI document describes: the served models and the enabled routes */
    public static ApiDescription describeApi(RuntimeConfig config, ModelRegistry registry) {
        return new ApiDescription("jDEEPaaS", VERSION, config.basePath(),
                registry.all().stream().filter(h -> h.unusable() == null).map(ModelHandle::module).toList(),
                config.predictEndpoint(),
                config.trainEndpoint());
    }

    /** Start-up work done beside the main thread: a daemon, so that a failed start-up does not wait for it. */
    private static void startupThread(Runnable work) {
        Thread thread = new Thread(work, "startup");
        thread.setDaemon(true);
        thread.start();
    }

    /** @return the value of start-up work done in parallel, its own exception thrown as is */
    private static <T> T joined(CompletableFuture<T> work) {
        try {
            return work.join();
        } catch (java.util.concurrent.CompletionException e) {
            if (e.getCause() instanceof RuntimeException cause) {
                throw cause;
            }
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            throw e;
        }
    }

    /** @return each served model's batching, checked now so that a bad setting stops the start-up */
    private static Function<String, BatchSettings> batching(RuntimeConfig config, ModelRegistry registry) {
        Map<String, BatchSettings> byModel = new java.util.HashMap<>();
        registry.all().forEach(h -> byModel.put(h.name(), BatchSettings.forModel(config, h.name())));
        return name -> byModel.getOrDefault(name, BatchSettings.OFF);
    }

    public int port() {
        return http.port();
    }

    /** @return every registered route as {@code METHOD path} */
    public List<String> routes() {
        return http.routes();
    }

    public ModelRegistry registry() {
        return registry;
    }

    /** @return the serving metrics (also scraped at {@code /metrics}) */
    public ServingMetrics metrics() {
        return metrics;
    }

    /** Blocks until every model has been warmed (ready or failed). */
    public void awaitWarm(Duration timeout) throws Exception {
        warmed.get(timeout.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
    }

    @Override
    public void close() {
        if (watcher != null) {
            watcher.close();
        }
        http.close();
        predictions.close();
        inference.close();
        trainings.close();
        loader.close();
        versionParts.close();
        gauges.close();
        if (isolated != null) {
            isolated.close();
        }
        registry.all().forEach(warmer::unload);
    }
}
