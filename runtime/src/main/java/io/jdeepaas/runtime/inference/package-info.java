/**
 * Running predictions: a bounded worker pool per model, back-pressure (429) when its queue is
 * full, timeouts (504), and clean-up of a request's uploads once its work has ended, whoever ends
 * it. Tensor inference runs through {@link io.jdeepaas.runtime.inference.InferenceService}, whose
 * per-model batch aggregator stacks concurrent requests into one call (dynamic batching). Callers
 * submit and await; no HTTP types here.
 */
package io.jdeepaas.runtime.inference;
