/** Helpers the DJL-based example modules share: device conversion and a pool of predictors. */
package io.jdeepaas.examples.djl;
