/**
 * The start-up sequence shared by everything that runs models (the server, the local subcommands and
 * a training worker JVM): discover the modules, prepare the engines, choose devices, build the warmer.
 * It sits above {@code registry} and {@code engines}, which know nothing of each other.
 */
package io.jdeepaas.runtime.startup;
