package io.jdeepaas.runtime.versions;

import io.jdeepaas.runtime.registry.StartupException;
import java.util.Map;

/**
 * Whether a new version of a model becomes its {@code production} version, set per model with
 * {@code --model-setting NAME.version-policy=latest|pinned}.
 */
public enum VersionPolicy {
    /** Each new version (a training's, an upload's) becomes {@code production}: the default. */
    LATEST,
    /** Only an explicit alias change moves {@code production}. */
    PINNED;

    /** The setting that chooses it. */
    public static final String SETTING = "version-policy";

    /**
     * @param settings a model's settings
     * @return the policy they set, {@code latest} when none
     * @throws StartupException on any other value
     */
    public static VersionPolicy of(String model, Map<String, String> settings) {
        String value = settings.get(SETTING);
        if (value == null || value.isBlank() || value.equals("latest")) {
            return LATEST;
        }
        if (value.equals("pinned")) {
            return PINNED;
        }
        throw new StartupException("--model-setting " + model + "." + SETTING + " must be latest or pinned, got '"
                + value + "'");
    }
}
