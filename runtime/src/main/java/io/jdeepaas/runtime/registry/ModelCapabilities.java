package io.jdeepaas.runtime.registry;

import io.jdeepaas.spi.ModelEntryPoint;
import io.jdeepaas.spi.PredictRequest;
import io.jdeepaas.spi.TrainRequest;
import io.jdeepaas.spi.TrainingContext;

/**
 * Which optional SPI methods a model implements, found by reflection: a method the model's class
 * does not override is the interface's default, which answers "not implemented".
 */
public final class ModelCapabilities {

    private ModelCapabilities() {
    }

    /**
     * @param model a model
     * @return whether its class overrides {@link ModelEntryPoint#predict}
     */
    public static boolean predicts(ModelEntryPoint model) {
        return overrides(model, "predict", PredictRequest.class);
    }

    /**
     * @param model a model
     * @return whether its class overrides {@link ModelEntryPoint#train}
     */
    public static boolean trains(ModelEntryPoint model) {
        return overrides(model, "train", TrainRequest.class, TrainingContext.class);
    }

    /**
     * @param model a model
     * @return whether its class overrides {@link ModelEntryPoint#infer}
     */
    public static boolean infers(ModelEntryPoint model) {
        return overrides(model, "infer", java.util.List.class);
    }

    private static boolean overrides(ModelEntryPoint model, String method, Class<?>... parameterTypes) {
        try {
            return model.getClass().getMethod(method, parameterTypes).getDeclaringClass() != ModelEntryPoint.class;
        } catch (NoSuchMethodException e) {
            throw new IllegalStateException("ModelEntryPoint lost its " + method + " method", e);
        }
    }
}
