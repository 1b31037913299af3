package io.jdeepaas.runtime.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.Javalin;
import io.javalin.json.JavalinJackson;
import io.jdeepaas.runtime.args.ArgumentParser;
import io.jdeepaas.runtime.auth.AccessPolicy;
import io.jdeepaas.runtime.auth.AuditTrail;
import io.jdeepaas.runtime.auth.Authenticator;
import io.jdeepaas.runtime.auth.CallerLimits;
import io.jdeepaas.runtime.auth.JdbcApiKeys;
import io.jdeepaas.runtime.args.UploadFolders;
import io.jdeepaas.runtime.config.RuntimeConfig;
import io.jdeepaas.runtime.inference.InferenceService;
import io.jdeepaas.runtime.inference.PredictionService;
import io.jdeepaas.runtime.metrics.ServingMetrics;
import io.jdeepaas.runtime.registry.ModelLoader;
import io.jdeepaas.runtime.registry.ModelRegistry;
import io.jdeepaas.runtime.training.ExperimentService;
import io.jdeepaas.runtime.training.TrainingService;
import io.micrometer.core.instrument.Gauge;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;
import org.eclipse.jetty.server.AbstractConnector;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.util.component.LifeCycle;

/**
 * The HTTP server: Javalin configured once (base path, exact trailing slashes, body limit, idle
 * timeout, gzip answers, JSON), the one error mapper (also for Jetty's own refusals), the upload
 * folders (what dead processes left is swept now), then every routes class registering its own paths.
 */
public final class HttpServer implements AutoCloseable {

    private final Javalin app;
    private final DisconnectWatch disconnects;
    private final UploadFolders uploads;
    private final EventStreams streams;

    private HttpServer(Javalin app, DisconnectWatch disconnects, UploadFolders uploads, EventStreams streams) {
        this.app = app;
        this.disconnects = disconnects;
        this.uploads = uploads;
        this.streams = streams;
    }

    /**
     * The services the routes call.
     *
     * @param version the runtime's version
     * @param registry the served models
     * @param predictions the prediction pools
     * @param inference tensor inference and its batching
     * @param trainings the training service
     * @param experiments the experiments over the trainings
     * @param engineVersions an engine's version by name
     * @param extraRoutes further route families (OpenAPI, Swagger UI, ...), registered last
     * @param loader loads and unloads models on request (the repository routes)
     * @param metrics where requests are counted and timed; scraped at {@code /metrics}
     * @param authenticator finds each request's caller
     * @param access the role each route needs
     * @param keys the API keys (managed at {@code /v2/keys}), when enabled
     * @param audit where state-changing calls are recorded (listed at {@code /v2/audit})
     * @param versions the models' versions and aliases, when they are kept
     */
    public record Services(String version, ModelRegistry registry, PredictionService predictions,
                           InferenceService inference, TrainingService trainings, ExperimentService experiments,
                           Function<String, String> engineVersions, List<Consumer<Javalin>> extraRoutes,
                           ModelLoader loader, ServingMetrics metrics, Authenticator authenticator,
                           AccessPolicy access, Optional<JdbcApiKeys> keys, AuditTrail audit,
                           Optional<io.jdeepaas.runtime.versions.VersionService> versions) {
    }

    public static HttpServer start(RuntimeConfig config, ObjectMapper json, Services services) {
        java.util.Set<String> served = services.registry().all().stream().map(m -> m.name())
                .collect(java.util.stream.Collectors.toUnmodifiableSet());
        Javalin app = Javalin.create(c -> {
            c.showJavalinBanner = false;
            c.router.contextPath = config.basePath().isEmpty() ? "/" : config.basePath();
            c.router.ignoreTrailingSlashes = false;
            c.router.treatMultipleSlashesAsSingleSlash = false;
            c.http.prefer405over404 = true;
            c.http.maxRequestSize = config.maxUploadSize();
            c.http.gzipOnlyCompression();
            BodyReader.install(c, config.maxUploadSize());
            Redirects.install(c);
            c.jsonMapper(new JavalinJackson(json, false));
            c.jetty.defaultHost = config.listenIp();
            c.jetty.defaultPort = config.listenPort();
            c.jetty.modifyServer(server -> {
                server.setErrorHandler(ErrorMapper.jettyErrors(config.basePath()));
                server.addEventListener(idleTimeout(config.idleTimeout()));
            });
            c.requestLogger.http((ctx, millis) -> recordRequest(services.metrics(), served, ctx, millis));
            Transport.configure(c, config);
        });
        ErrorMapper.register(app);
        new AccessFilter(services.authenticator(), services.access(), new CallerLimits(config.auth().limits()))
                .register(app);
        new AuditRoutes(services.audit()).register(app);
        Links links = new Links(config.basePath());
        UploadFolders uploads = UploadFolders.open(config.dataDir().resolve("tmp").resolve("uploads"));
        RequestReader reader = new RequestReader(json, config.maxParts());
        ArgumentParser parser = new ArgumentParser(json);
        // the hot routes first: Javalin tries the routes of a method in the order they were added
        DisconnectWatch disconnects = new DisconnectWatch(Duration.ofMillis(50));
        if (config.predictEndpoint()) {
            new PredictRoutes(services.registry(), reader, parser, services.predictions(), uploads, disconnects, json)
                    .register(app);
        }
        new InferRoutes(services.registry(), services.inference(), json, disconnects).register(app);
        services.keys().ifPresent(keys -> new KeysRoutes(keys, json).register(app));
        new VersionsRoutes(links).register(app);
        ModelObjects objects = new ModelObjects(links, services.engineVersions(), config.predictEndpoint(),
                config.trainEndpoint(), services.registry()::versionIds);
        // before ModelsRoutes: /v2/models/stats is every model's statistics, not a model named 'stats'
        new StatisticsRoutes(services.registry(), services.metrics()).register(app);
        new ModelsRoutes(services.registry(), objects, (model, ref) -> services.versions()
                .map(v -> ModelVersionRoutes.lineage(v, json, model, ref)).orElse(Map.of())).register(app);
        services.versions().ifPresent(v -> new ModelVersionRoutes(v, json, config.maxUploadSize()).register(app));
        new HealthRoutes(services.registry(), services.loader(), services.version()).register(app);
        new ModelConfigRoutes(services.registry(), services.predictions(), services.inference()).register(app);
        new UnsupportedExtensionRoutes().register(app);
        new RepositoryRoutes(services.registry(), services.loader(), json).register(app);
        new MetricsRoutes(services.metrics()).register(app);
        EventStreams streams = new EventStreams(json, config.maxEventStreams(), config.maxEventStreamsPerTraining(),
                config.eventStreamKeepAlive());
        Gauge.builder("deepaas.event.streams", streams::count).description("Open training event streams")
                .register(services.metrics().registry());
        if (config.trainEndpoint()) {
            new TrainRoutes(services.registry(), reader, parser, services.trainings(), uploads).register(app);
            new TrainingOutputRoutes(services.registry(), services.trainings(), streams).register(app);
            new ExperimentsRoutes(services.experiments()).register(app);
        }
        services.extraRoutes().forEach(r -> r.accept(app));
        app.start();
        return new HttpServer(app, disconnects, uploads, streams);
    }

    /** Sets the idle timeout of every connector once Javalin has added them, as the server starts. */
    private static LifeCycle.Listener idleTimeout(Duration timeout) {
        return new LifeCycle.Listener() {
            @Override
            public void lifeCycleStarting(LifeCycle event) {
                for (Connector connector : ((Server) event).getConnectors()) {
                    if (connector instanceof AbstractConnector network) {
                        network.setIdleTimeout(timeout.toMillis());
                    }
                }
            }
        };
    }

    /** Counts and times an answered request by method, route template, model and status. */
    private static void recordRequest(ServingMetrics metrics, java.util.Set<String> served,
                                      io.javalin.http.Context ctx, float millis) {
        String route = AccessFilter.route(ctx); // the after-handlers have replaced Javalin's own record of it
        if (route == null || route.isEmpty() || route.equals("*")) {
            route = "unmatched";
        }
        String name = AccessFilter.modelName(ctx);
        String model = served.contains(name) ? name : "";
        String version = ctx.res().getHeader(ModelVersions.HEADER);
        metrics.recordRequest(ctx.method().name(), route, model, version == null ? "" : version, ctx.statusCode(),
                (long) (millis * 1e6));
    }

    /**
     * @return every registered route as {@code METHOD path} (without the base path and the spellings
     *     that only redirect), e.g. for the access table
     */
    public List<String> routes() {
        return app.unsafeConfig().pvt.internalRouter.allHttpHandlers().stream()
                .map(e -> e.getEndpoint())
                .filter(e -> e.getMethod().isHttpMethod())
                .map(e -> e.getMethod().name() + " " + e.getPath())
                .distinct().toList();
    }

    /** @return the port the server listens on (useful when configured with 0) */
    public int port() {
        return app.port();
    }

    @Override
    public void close() {
        streams.close();
        app.stop();
        disconnects.close();
        uploads.close();
    }
}
