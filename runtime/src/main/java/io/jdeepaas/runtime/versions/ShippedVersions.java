package io.jdeepaas.runtime.versions;

import io.jdeepaas.runtime.registry.ModelHandle;
import io.jdeepaas.spi.ModelVersion;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The versions a module ships itself ({@link io.jdeepaas.spi.ModelEntryPoint#shippedVersions()}),
 * checked: a whole-number id and an existing folder each; any other is skipped with a warning.
 */
final class ShippedVersions {

    private static final Logger LOG = LoggerFactory.getLogger(ShippedVersions.class);

    private ShippedVersions() {
    }

    /** @return the model's shipped versions' folders by number, lowest first; empty when it ships none */
    static Map<Integer, Path> of(ModelHandle model) {
        List<ModelVersion> declared;
        try {
            declared = model.wrapper().withModuleClassLoader(() -> model.module().shippedVersions());
        } catch (Exception | LinkageError e) {
            LOG.warn("model={} could not list the versions it ships, serving its own weights as version 1: {}",
                    model.name(), e.getMessage());
            return Map.of();
        }
        Map<Integer, Path> dirs = new TreeMap<>();
        for (ModelVersion version : declared == null ? List.<ModelVersion>of() : declared) {
            if (!version.id().matches("[1-9][0-9]{0,8}")) {
                LOG.warn("model={} ships a version '{}' in {}: skipped, a version id is a whole number from 1",
                        model.name(), version.id(), version.dir());
            } else if (!Files.isDirectory(version.dir())) {
                LOG.warn("model={} ships version {} in {}, which is not a folder: skipped", model.name(), version.id(),
                        version.dir());
            } else {
                dirs.put(Integer.parseInt(version.id()), version.dir().toAbsolutePath().normalize());
            }
        }
        return dirs;
    }
}
