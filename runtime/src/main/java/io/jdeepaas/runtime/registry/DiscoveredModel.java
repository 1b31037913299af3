package io.jdeepaas.runtime.registry;

import io.jdeepaas.spi.ModelEntryPoint;

/**
 * An entry point found at start-up and where it came from.
 *
 * @param entryPoint the module's entry point
 * @param source the jar, folder or provider it came from, for messages
 */
public record DiscoveredModel(ModelEntryPoint entryPoint, String source) {
}
