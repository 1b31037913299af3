/**
 * The command line: {@code deepaas-runtime [flags]} serves; the subcommands {@code predict},
 * {@code train}, {@code metadata} and {@code openapi} run modules locally without a server and
 * print JSON; {@code prepare-engines} extracts the engines' native libraries (for a container image)
 * and exits. Every flag also reads an environment variable ({@code DEEPAAS_LISTEN_PORT}, ...).
 */
package io.jdeepaas.runtime.cli;
