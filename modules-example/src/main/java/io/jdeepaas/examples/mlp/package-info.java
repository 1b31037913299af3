/**
 * {@code mlp}: a compute-bound benchmark model (FP32 [-1, 512] through three hidden layers of 2048
 * to 10 outputs) whose weights are drawn in code from a fixed seed, for measuring tensor batching.
 */
package io.jdeepaas.examples.mlp;
