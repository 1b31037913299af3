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
 * {@code GET /v2/models/{name}/stats}, in the shape of Triton's statistics extension: counts and
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

    void register(Javalin app) {
        app.get("/v2/models/{name}/stats", this::stats);
    }

    private void stats(Context ctx) {
        ModelHandle model = registry.get(ctx.pathParam("name"));
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
        String version = model.module().metadata().version();
        entry.put("version", version == null ? "" : version);
        entry.put("last_inference", s.lastInference());
        entry.put("inference_count", s.inferenceCount());
        entry.put("execution_count", s.executionCount());
        entry.put("inference_stats", inference);
        ctx.json(Map.of("model_stats", List.of(entry)));
    }

    private static Map<String, Long> duration(ModelStatistics.Duration d) {
        Map<String, Long> out = new LinkedHashMap<>();
        out.put("count", d.count());
        out.put("ns", d.ns());
        return out;
    }
}
