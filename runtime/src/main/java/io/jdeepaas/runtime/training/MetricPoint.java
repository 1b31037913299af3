package io.jdeepaas.runtime.training;

import java.time.Instant;

/**
 * One value of one metric, as a module reported it.
 *
 * @param seq the order of reporting within the training, from 1
 * @param step the training step the value belongs to
 * @param name the metric's name, e.g. {@code loss}
 * @param value the value
 * @param time when it was reported
 */
public record MetricPoint(long seq, long step, String name, Double value, Instant time) {
}
