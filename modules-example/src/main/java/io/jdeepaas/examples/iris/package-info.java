/**
 * The {@code iris} example module: a multilayer perceptron on Fisher's Iris data set, trained
 * and served with DJL's PyTorch engine.
 *
 * <p>{@link io.jdeepaas.examples.iris.Iris} is the entry point; the other classes each hold one
 * concern: the data ({@link io.jdeepaas.examples.iris.IrisData}), feature scaling, the network,
 * the training loop, saved weights, and the served model with its pool of predictors.
 */
package io.jdeepaas.examples.iris;
