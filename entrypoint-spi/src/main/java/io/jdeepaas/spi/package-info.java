/**
 * The contract between a model module and the jDEEPaaS runtime.
 *
 * <p>A module implements {@link io.jdeepaas.spi.ModelEntryPoint} (or a
 * {@link io.jdeepaas.spi.ModelProvider} that returns several of them) and names the class in
 * {@code META-INF/services/io.jdeepaas.spi.ModelEntryPoint} (or {@code ...ModelProvider}). The
 * runtime finds it with {@link java.util.ServiceLoader}, warms it, and serves it under
 * {@code /v2/models/{name}/}.
 *
 * <p>This package depends on the JDK only, so a module compiles against it without pulling in
 * any HTTP server, JSON library or inference engine.
 */
package io.jdeepaas.spi;
