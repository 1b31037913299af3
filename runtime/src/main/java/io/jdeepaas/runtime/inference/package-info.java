/**
 * Running predictions: a bounded worker pool per model (workers and queue size, global or per
 * model), back-pressure (429 at once) when its queue is full, timeouts (504, queued work dropped,
 * running work interrupted), cancellation when the caller goes away, and clean-up of a request's
 * uploads once its work has ended, whoever ends it. Callers submit and get a future
 * ({@link io.jdeepaas.runtime.inference.PredictionService#submit}). Tensor inference runs through
 * {@link io.jdeepaas.runtime.inference.InferenceService}, whose per-model batch aggregator stacks
 * concurrent requests into one call (dynamic batching). No HTTP types here.
 */
package io.jdeepaas.runtime.inference;
