/** Helpers shared by the example modules that run on DJL engines. */
package io.jdeepaas.examples.djl;
