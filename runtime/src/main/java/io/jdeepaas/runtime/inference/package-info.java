/**
 * Running predictions and tensor inferences: one lane per model ({@code ModelLane}) with its
 * {@code workers} and a bounded queue (global or per-model limits) that predict and infer share,
 * back-pressure (429 at once) when the queue is full, timeouts (504, queued work dropped, a running
 * prediction interrupted; an engine call carrying batched rows runs to its end), cancellation when the caller goes away, and clean-up of a request's uploads
 * once its work has ended, whoever ends it. Callers submit and get a future
 * ({@link io.jdeepaas.runtime.inference.PredictionService#submit},
 * {@link io.jdeepaas.runtime.inference.InferenceService#inferAsync}). A worker that takes a tensor
 * request of a batching model stacks the queued requests that fit into one engine call (dynamic
 * batching) and splits the outputs back. No HTTP types here.
 */
package io.jdeepaas.runtime.inference;
