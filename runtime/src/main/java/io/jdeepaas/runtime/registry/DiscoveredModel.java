package io.jdeepaas.runtime.registry;

import io.jdeepaas.spi.ModelEntryPoint;
import io.jdeepaas.spi.ModelMetadata;

/**
 * An entry point found at start-up and where it came from, or a module that could not be used (a
 * class that is missing or cannot be created, a missing dependency, an invalid or duplicate name, a
 * bad declaration), which is served as a model in state {@code failed} with the reason.
 *
 * @param entryPoint the module's entry point (for an unusable module, a stand-in that only has a
 *     name and a description)
 * @param source the jar, folder or provider it came from, for messages
 * @param failure why the module cannot be used, or {@code null} when it can
 * @param instances makes another instance of the same entry point (from the same class loader), so
 *     that a second version of the model can be warmed beside the served one; {@code null} when the
 *     module cannot make one
 */
public record DiscoveredModel(ModelEntryPoint entryPoint, String source, String failure,
                              java.util.concurrent.Callable<ModelEntryPoint> instances) {

    /**
     * @param entryPoint a usable entry point
     * @param source where it came from
     */
    public DiscoveredModel(ModelEntryPoint entryPoint, String source) {
        this(entryPoint, source, null, null);
    }

    /**
     * @param entryPoint a usable entry point
     * @param source where it came from
     * @param failure why it cannot be used, or {@code null}
     */
    public DiscoveredModel(ModelEntryPoint entryPoint, String source, String failure) {
        this(entryPoint, source, failure, null);
    }

    /**
     * @param name the name it is listed under
     * @param source where it came from
     * @param failure why it cannot be used, a sentence a user can act on
     * @return a module listed as failed
     */
    public static DiscoveredModel failed(String name, String source, String failure) {
        return new DiscoveredModel(new Unusable(name, failure), source, failure);
    }

    /** @return whether the module can be warmed and served */
    public boolean usable() {
        return failure == null;
    }

    /**
     * The stand-in for a module that could not be used: it has a name and says why. It claims
     * predict, so that a request meets the 503 of a failed model (with the reason), not a 501.
     */
    private record Unusable(String name, String failure) implements ModelEntryPoint {
        @Override
        public ModelMetadata metadata() {
            return ModelMetadata.describe("This module could not be loaded: " + failure);
        }

        @Override
        public Object predict(io.jdeepaas.spi.PredictRequest request) {
            throw new IllegalStateException(failure);
        }
    }
}
