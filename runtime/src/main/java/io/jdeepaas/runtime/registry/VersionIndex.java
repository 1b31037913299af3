package io.jdeepaas.runtime.registry;

import io.jdeepaas.runtime.errors.NotFoundException;
import java.util.List;

/**
 * The versions of the served models, as the protocol's versioned routes address them
 * ({@code /v2/models/{name}/versions/{version}/...}).
 */
public interface VersionIndex {

    /** Knows only the version each model serves now (a runtime without a version store). */
    VersionIndex SERVED_ONLY = new VersionIndex() {
        @Override
        public ModelHandle handle(ModelHandle served, String ref) {
            if (!ref.equals(served.version())) {
                throw new NotFoundException("model '" + served.name() + "' has no version '" + ref + "'; it serves"
                        + " version '" + served.version() + "'");
            }
            return served;
        }

        @Override
        public List<String> ids(ModelHandle served) {
            return List.of(served.version());
        }

        @Override
        public ModelHandle serving(ModelHandle served) {
            return served;
        }
    };

    /**
     * @param served the model's handle, serving its production version
     * @param ref a version id or an alias
     * @return the handle serving that version: {@code served} itself for the production version, else
     *     one of its own, which may still be loading (started by this call)
     * @throws NotFoundException when the model has no such version
     */
    ModelHandle handle(ModelHandle served, String ref);

    /** @return the ids of the model's versions, oldest first */
    List<String> ids(ModelHandle served);

    /**
     * @param served the model's handle, serving its production version
     * @return the handle that answers one unversioned predict or infer request: {@code served}, or
     *     with a canary split, its share of the time, the split's version once it is ready
     */
    ModelHandle serving(ModelHandle served);
}
