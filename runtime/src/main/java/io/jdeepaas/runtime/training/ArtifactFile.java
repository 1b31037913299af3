package io.jdeepaas.runtime.training;

/**
 * One file a training wrote into its output folder.
 *
 * @param name its path relative to the output folder, with {@code /} separators
 * @param size bytes
 * @param sha256 the SHA-256 of its content, lower-case hex
 */
public record ArtifactFile(String name, long size, String sha256) {
}
