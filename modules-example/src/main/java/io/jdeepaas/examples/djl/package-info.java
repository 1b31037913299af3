/** Helpers the DJL-based example modules share. */
package io.jdeepaas.examples.djl;
