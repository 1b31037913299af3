package io.jdeepaas.runtime.http;

import io.javalin.Javalin;
import io.javalin.http.Context;
import io.jdeepaas.runtime.metrics.ModelStatistics;
import io.jdeepaas.runtime.metrics.ServingMetrics;
import io.jdeepaas.runtime.registry.ModelHandle;
import io.jdeepaas.runtime.registry.ModelRegistry;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code GET /v2/models/stats} (every served model), {@code GET /v2/models/{name}/stats} and
 * {@code GET /v2/models/{name}/versions/{version}/stats} (the version it serves), in the shape of Triton's statistics extension: counts and
 * nanoseconds of successful and failed requests, of queue time and of time in the module
 * ({@code compute_infer}). Input and output conversion are not timed apart from the module call, so
 * {@code compute_input} and {@code compute_output} stay at zero.
 */
final class StatisticsRoutes {

    private final ModelRegistry registry;
    private final ServingMetrics metrics;

    StatisticsRoutes(ModelRegistry registry, ServingMetrics metrics) {
        this.registry = registry;
        this.metrics = metrics;
    }

    /**
     * Registers the routes; call it before {@code /v2/models/{name}} is registered, which would
     * otherwise take {@code /v2/models/stats} as the metadata of a model named {@code stats}.
     */
    void register(Javalin app) {
        app.get("/v2/models/stats", ctx -> ctx.json(Map.of("model_stats",
                registry.all().stream().map(this::entry).toList())));
        app.get("/v2/models/{name}/stats", this::stats);
        app.get("/v2/models/{name}/versions/{version}/stats", this::stats);
    }

    private void stats(Context ctx) {
        ctx.json(Map.of("model_stats", List.of(entry(ModelVersions.model(registry, ctx)))));
    }

    private Map<String, Object> entry(ModelHandle model) {
        ModelStatistics s = metrics.statistics(model.name());
        Map<String, Object> inference = new LinkedHashMap<>();
        inference.put("success", duration(s.success()));
        inference.put("fail", duration(s.fail()));
        inference.put("queue", duration(s.queue()));
        inference.put("compute_input", duration(new ModelStatistics.Duration(0, 0)));
        inference.put("compute_infer", duration(s.computeInfer()));
        inference.put("compute_output", duration(new ModelStatistics.Duration(0, 0)));
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("name", model.name());
        entry.put("version", model.version());
        entry.put("last_inference", s.lastInference());
        entry.put("inference_count", s.inferenceCount());
        entry.put("execution_count", s.executionCount());
        entry.put("inference_stats", inference);
        return entry;
    }

    private static Map<String, Long> duration(ModelStatistics.Duration d) {
        Map<String, Long> out = new LinkedHashMap<>();
        out.put("count", d.count());
        out.put("ns", d.ns());
        return out;
    }
}
