package io.jdeepaas.runtime.http;

import io.javalin.Javalin;
import io.jdeepaas.runtime.metrics.ServingMetrics;

/** {@code GET /metrics}: every meter in Prometheus's text format, for scraping. */
final class MetricsRoutes {

    /** The Prometheus text exposition format's media type. */
    static final String PROMETHEUS_TEXT = "text/plain; version=0.0.4; charset=utf-8";

    private final ServingMetrics metrics;

    MetricsRoutes(ServingMetrics metrics) {
        this.metrics = metrics;
    }

    void register(Javalin app) {
        app.get("/metrics", ctx -> ctx.contentType(PROMETHEUS_TEXT).result(metrics.scrape()));
    }
}
