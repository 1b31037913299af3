package io.jdeepaas.runtime.versions;

/**
 * A canary split: {@code percent} of a model's unversioned predict and infer requests go to the
 * version {@code alias} points at, the rest to {@code production}.
 *
 * @param alias the alias that receives the share
 * @param percent the share, 1 to 99
 */
public record Split(String alias, int percent) {
}
