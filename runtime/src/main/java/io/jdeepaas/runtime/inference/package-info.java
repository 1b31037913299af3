/**
 * Running predictions and tensor inferences: one lane per model ({@code ModelLane}) with its
 * {@code workers} and a bounded queue (global or per-model limits) that predict and infer share,
 * back-pressure (429 at once) when the queue is full, timeouts (504, queued work dropped, a running
 * prediction interrupted; an engine call carrying batched rows runs to its end), cancellation when the caller goes away, and clean-up of a request's uploads
 * once its work has ended, whoever ends it. Callers submit and get a future
 * ({@link io.jdeepaas.runtime.inference.PredictionService#submit},
 * {@link io.jdeepaas.runtime.inference.InferenceService#inferAsync}). A request that finds a free
 * place and nobody queued runs at once (a cheap model's on the caller's thread); a worker that takes
 * a tensor request of a batching model stacks the requests queued behind it that fit into one
 * engine call (dynamic batching) and splits the outputs back; batches run in parallel, one per
 * worker. No HTTP types here.
 */
package io.jdeepaas.runtime.inference;
