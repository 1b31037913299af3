/**
 * The {@code tf-iris} example module: an Iris classifier written as a TensorFlow SavedModel by
 * TensorFlow Java, then loaded and run for predictions by DJL's TensorFlow engine.
 *
 * <p>{@link io.jdeepaas.examples.tfiris.TfIris} is the entry point;
 * {@link io.jdeepaas.examples.tfiris.LinearIrisWeights} holds the committed weights and
 * {@link io.jdeepaas.examples.tfiris.SavedModelWriter} turns them into a graph on disk.
 */
package io.jdeepaas.examples.tfiris;
