package io.jdeepaas.runtime.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.Javalin;
import io.javalin.json.JavalinJackson;
import io.jdeepaas.runtime.args.ArgumentParser;
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
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * The HTTP server: Javalin configured once (base path, exact trailing slashes, body limit, JSON),
 * the exception mapper, then every routes class registering its own paths.
 */
public final class HttpServer implements AutoCloseable {

    private final Javalin app;
    private final DisconnectWatch disconnects;
    private final EventStreams streams;

    private HttpServer(Javalin app, DisconnectWatch disconnects, EventStreams streams) {
        this.app = app;
        this.disconnects = disconnects;
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
     */
    public record Services(String version, ModelRegistry registry, PredictionService predictions,
                           InferenceService inference, TrainingService trainings, ExperimentService experiments,
                           Function<String, String> engineVersions, List<Consumer<Javalin>> extraRoutes,
                           ModelLoader loader, ServingMetrics metrics) {
    }

    public static HttpServer start(RuntimeConfig config, ObjectMapper json, Services services) {
        Javalin app = Javalin.create(c -> {
            c.showJavalinBanner = false;
            c.router.contextPath = config.basePath().isEmpty() ? "/" : config.basePath();
            c.router.ignoreTrailingSlashes = false;
            c.router.treatMultipleSlashesAsSingleSlash = false;
            c.http.prefer405over404 = true;
            c.http.maxRequestSize = config.maxUploadSize();
            c.jsonMapper(new JavalinJackson(json, false));
            c.jetty.defaultHost = config.listenIp();
            c.jetty.defaultPort = config.listenPort();
            c.jetty.modifyServer(server -> server.setErrorHandler(new JsonErrorHandler()));
            c.requestLogger.http((ctx, millis) -> recordRequest(services, ctx, millis));
        });
        ErrorMapper.register(app);
        Links links = new Links(config.basePath());
        Path uploads = config.dataDir().resolve("tmp").resolve("uploads");
        RequestReader reader = new RequestReader(json, config.maxUploadSize());
        ArgumentParser parser = new ArgumentParser(json);
        new VersionsRoutes(links).register(app);
        ModelObjects objects = new ModelObjects(links, services.engineVersions(), config.predictEndpoint(),
                config.trainEndpoint());
        new ModelsRoutes(services.registry(), objects).register(app);
        new HealthRoutes(services.registry(), services.loader(), services.version()).register(app);
        DisconnectWatch disconnects = new DisconnectWatch(Duration.ofMillis(50));
        new InferRoutes(services.registry(), services.inference(), json, disconnects).register(app);
        new RepositoryRoutes(services.registry(), services.loader(), json).register(app);
        new StatisticsRoutes(services.registry(), services.metrics()).register(app);
        new MetricsRoutes(services.metrics()).register(app);
        if (config.predictEndpoint()) {
            new PredictRoutes(services.registry(), reader, parser, services.predictions(), uploads, disconnects)
                    .register(app);
        }
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
        return new HttpServer(app, disconnects, streams);
    }

    /** Counts and times an answered request by method, route template, model and status. */
    private static void recordRequest(Services services, io.javalin.http.Context ctx, float millis) {
        String route;
        try {
            route = ctx.endpointHandlerPath();
        } catch (RuntimeException e) {
            route = "";
        }
        if (route == null || route.isEmpty() || route.equals("*")) {
            route = "unmatched";
        }
        String name = ctx.pathParamMap().getOrDefault("name", "");
        String model = services.registry().all().stream().anyMatch(m -> m.name().equals(name)) ? name : "";
        services.metrics().recordRequest(ctx.method().name(), route, model, ctx.statusCode(), (long) (millis * 1e6));
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
    }
}
