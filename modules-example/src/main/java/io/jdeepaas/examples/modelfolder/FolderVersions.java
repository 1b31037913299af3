package io.jdeepaas.examples.modelfolder;

import io.jdeepaas.spi.ModelVersion;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * Where a model folder keeps its weights: beside its {@code model.json} (one version), or in
 * numbered subfolders {@code 1/}, {@code 2/}, ... each holding a model file (Triton's repository
 * layout), each a version of the model; the highest number is the one loaded when the runtime names
 * none.
 */
final class FolderVersions {

    private FolderVersions() {
    }

    /** @return the numbered subfolders of a model folder as versions, lowest number first */
    static List<ModelVersion> numbered(Path folder) {
        try (Stream<Path> children = Files.list(folder)) {
            return children.filter(Files::isDirectory)
                    .filter(dir -> dir.getFileName().toString().matches("[1-9][0-9]{0,8}"))
                    .sorted(Comparator.comparingInt(dir -> Integer.parseInt(dir.getFileName().toString())))
                    .map(dir -> new ModelVersion(dir.getFileName().toString(), dir))
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list the model folder " + folder, e);
        }
    }

    /** @return the folder of the weights loaded by default: the highest numbered subfolder, or the folder */
    static Path latest(Path folder) {
        List<ModelVersion> versions = numbered(folder);
        return versions.isEmpty() ? folder : versions.get(versions.size() - 1).dir();
    }
}
