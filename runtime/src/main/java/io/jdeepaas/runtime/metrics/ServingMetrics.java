package io.jdeepaas.runtime.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * What the services record about serving, in one place: HTTP requests per model, route and status;
 * queue and execution time per model (separate histograms); outcomes; batch sizes; queue depths.
 * Backed by a Micrometer registry; {@link #scrape()} gives the Prometheus text format when that
 * registry is Prometheus's.
 *
 * <pre>{@code
 * long queued = System.nanoTime();
 * ... // wait for a worker
 * metrics.recordQueue("iris", System.nanoTime() - queued);
 * metrics.recordBatch("iris", rows);   // the batching aggregator, once per engine call
 * }</pre>
 *
 * <p>Meters are looked up once per model (and per method, route and status for HTTP requests) and
 * kept: a request then costs a map lookup and the recording, not a registry search on its tags.
 */
public final class ServingMetrics {

    /** Histogram buckets for latencies: from 1 ms to 2 minutes. */
    private static final Duration[] LATENCY_BUCKETS = {Duration.ofMillis(1), Duration.ofMillis(2),
        Duration.ofMillis(5), Duration.ofMillis(10), Duration.ofMillis(25), Duration.ofMillis(50),
        Duration.ofMillis(100), Duration.ofMillis(250), Duration.ofMillis(500), Duration.ofSeconds(1),
        Duration.ofMillis(2500), Duration.ofSeconds(5), Duration.ofSeconds(10), Duration.ofSeconds(30),
        Duration.ofSeconds(60), Duration.ofSeconds(120)};
    private static final double[] BATCH_BUCKETS = {1, 2, 4, 8, 16, 32, 64, 128, 256};

    private final MeterRegistry registry;
    private final Map<String, AtomicLong> lastInference = new ConcurrentHashMap<>();
    private final Map<String, ModelMeters> byModel = new ConcurrentHashMap<>();
    private final Map<RequestKey, Timer> requests = new ConcurrentHashMap<>();
    private final Map<String, Counter> rejections = new ConcurrentHashMap<>();

    /** One answered request's tags. */
    private record RequestKey(String method, String route, String model, String version, int status) {
    }

    /** A model's meters, registered on its first use. */
    private record ModelMeters(Timer queue, Timer execution, Timer success, Timer fail, DistributionSummary batch,
                               AtomicLong last) {
    }

    /** @param registry where the meters live */
    public ServingMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    /** @return metrics backed by a Prometheus registry, scraped by {@code GET /metrics} */
    public static ServingMetrics prometheus() {
        return new ServingMetrics(new PrometheusMeterRegistry(PrometheusConfig.DEFAULT));
    }

    /** @return metrics kept in memory only, for embedding and tests */
    public static ServingMetrics inMemory() {
        return new ServingMetrics(new SimpleMeterRegistry());
    }

    public MeterRegistry registry() {
        return registry;
    }

    /** @return the Prometheus text exposition of every meter, or an empty string when not Prometheus-backed */
    public String scrape() {
        return registry instanceof PrometheusMeterRegistry prometheus ? prometheus.scrape() : "";
    }

    /**
     * Records one answered HTTP request.
     *
     * @param method the HTTP method
     * @param route the matched route template, e.g. {@code /v2/models/{name}/predict/}
     * @param model the served model it named, or {@code ""}
     * @param status the status answered
     * @param nanos from arrival to answer
     */
    public void recordRequest(String method, String route, String model, int status, long nanos) {
        recordRequest(method, route, model, "", status, nanos);
    }

    /**
     * Records one answered request, with the model version that answered it.
     *
     * @param version the version that answered a predict or infer request, else empty
     */
    public void recordRequest(String method, String route, String model, String version, int status, long nanos) {
        requests.computeIfAbsent(new RequestKey(method, route, model, version, status), k ->
                Timer.builder("deepaas.http.requests").description("HTTP requests by route, model, version and status")
                        .tags("method", k.method(), "route", k.route(), "model", k.model(),
                                "status", String.valueOf(k.status()), "version", k.version())
                        .register(registry)).record(nanos, TimeUnit.NANOSECONDS);
    }

    /** Records how long one request waited for a worker (or for its batch to start). */
    public void recordQueue(String model, long nanos) {
        meters(model).queue().record(nanos, TimeUnit.NANOSECONDS);
    }

    /** Records one call into the module (one batch, when batching). */
    public void recordExecution(String model, long nanos) {
        meters(model).execution().record(nanos, TimeUnit.NANOSECONDS);
    }

    /**
     * Records one inference request's outcome.
     *
     * @param success whether it was answered with the module's result
     * @param nanos from submission to answer
     */
    public void recordInference(String model, boolean success, long nanos) {
        ModelMeters meters = meters(model);
        (success ? meters.success() : meters.fail()).record(nanos, TimeUnit.NANOSECONDS);
        if (success) {
            meters.last().set(System.currentTimeMillis());
        }
    }

    /**
     * Records a request refused or abandoned before it got an answer from the module.
     *
     * @param reason {@code queue_full}, {@code timeout} or {@code client_gone}
     */
    public void recordRejection(String model, String reason) {
        rejections.computeIfAbsent(model + '\n' + reason, k -> Counter.builder("deepaas.inference.rejected")
                .description("Inference requests refused or abandoned").tags("model", model, "reason", reason)
                .register(registry)).increment();
    }

    /** Records the size of one batch sent to the engine. */
    public void recordBatch(String model, int size) {
        meters(model).batch().record(size);
    }

    private ModelMeters meters(String model) {
        ModelMeters meters = byModel.get(model);
        return meters != null ? meters : byModel.computeIfAbsent(model, this::register);
    }

    private ModelMeters register(String model) {
        return new ModelMeters(timer("deepaas.inference.queue", "Time waiting for a worker", model),
                timer("deepaas.inference.execution", "Time in the module", model),
                outcome(model, "success"), outcome(model, "fail"),
                DistributionSummary.builder("deepaas.inference.batch.size").description("Requests stacked per engine call")
                        .tags("model", model).serviceLevelObjectives(BATCH_BUCKETS).register(registry),
                lastInference.computeIfAbsent(model, m -> new AtomicLong()));
    }

    private Timer outcome(String model, String outcome) {
        return Timer.builder("deepaas.inference.requests").description("Inference requests by outcome")
                .tags("model", model, "outcome", outcome).serviceLevelObjectives(LATENCY_BUCKETS).register(registry);
    }

    /** Registers a model's queue depth and busy workers, read at each scrape. */
    public void watchPool(String model, Supplier<Number> queued, Supplier<Number> active) {
        Gauge.builder("deepaas.inference.queue.depth", queued).description("Requests waiting for a worker")
                .tags("model", model).strongReference(true).register(registry);
        Gauge.builder("deepaas.inference.active", active).description("Workers running a request")
                .tags("model", model).strongReference(true).register(registry);
    }

    /** @return one model's statistics since start-up */
    public ModelStatistics statistics(String model) {
        Timer success = registry.find("deepaas.inference.requests").tags("model", model, "outcome", "success").timer();
        Timer fail = registry.find("deepaas.inference.requests").tags("model", model, "outcome", "fail").timer();
        Timer queue = registry.find("deepaas.inference.queue").tags("model", model).timer();
        Timer execution = registry.find("deepaas.inference.execution").tags("model", model).timer();
        AtomicLong last = lastInference.get(model);
        ModelStatistics.Duration ok = of(success);
        return new ModelStatistics(model, last == null ? 0 : last.get(), ok.count(), of(execution).count(), ok,
                of(fail), of(queue), of(execution));
    }

    private Timer timer(String name, String description, String model) {
        return Timer.builder(name).description(description).tags("model", model)
                .serviceLevelObjectives(LATENCY_BUCKETS).register(registry);
    }

    private static ModelStatistics.Duration of(Timer timer) {
        return timer == null ? new ModelStatistics.Duration(0, 0)
                : new ModelStatistics.Duration(timer.count(), (long) timer.totalTime(TimeUnit.NANOSECONDS));
    }
}
