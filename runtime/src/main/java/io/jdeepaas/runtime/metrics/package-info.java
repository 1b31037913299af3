/**
 * Serving metrics: one Micrometer registry with a Prometheus scrape format, a small facade the
 * services record into ({@link io.jdeepaas.runtime.metrics.ServingMetrics}), gauges over the
 * runtime's state (models, trainings, JVM and process memory), and per-model statistics in the shape
 * of Triton's statistics extension. No HTTP types here.
 */
package io.jdeepaas.runtime.metrics;
