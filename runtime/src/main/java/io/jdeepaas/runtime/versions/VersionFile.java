package io.jdeepaas.runtime.versions;

/**
 * One file of a version.
 *
 * @param path its path inside the version's folder, with {@code /} separators
 * @param size its length in bytes
 * @param sha256 the SHA-256 of its content, in lower-case hex
 */
public record VersionFile(String path, long size, String sha256) {
}
