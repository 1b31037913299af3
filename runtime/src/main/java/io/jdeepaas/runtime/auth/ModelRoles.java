package io.jdeepaas.runtime.auth;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The roles one model's routes need instead of the usual ones, from {@code --model-setting
 * MODEL.predict-role=ROLE} (predict and infer) and {@code MODEL.train-role=ROLE} (starting trainings
 * and every route of one training); e.g. {@code iris.train-role=admin} lets only admins train iris,
 * {@code echo.predict-role=read} lets any reader predict with echo. Ownership still holds: below
 * admin, a caller reaches only their own trainings.
 */
public final class ModelRoles {

    /** The per-model setting that names the role predict and infer need. */
    public static final String PREDICT = "predict-role";
    /** The per-model setting that names the role the training routes need. */
    public static final String TRAIN = "train-role";

    /** No model has roles of its own. */
    public static final ModelRoles NONE = new ModelRoles(Map.of(), Map.of());

    private final Map<String, Role> predict;
    private final Map<String, Role> train;

    private ModelRoles(Map<String, Role> predict, Map<String, Role> train) {
        this.predict = Map.copyOf(predict);
        this.train = Map.copyOf(train);
    }

    /**
     * @param modelSettings the per-model settings, by model name
     * @return the roles they name
     * @throws IllegalArgumentException naming the setting when a role is not known
     */
    public static ModelRoles from(Map<String, Map<String, String>> modelSettings) {
        Map<String, Role> predict = new HashMap<>();
        Map<String, Role> train = new HashMap<>();
        modelSettings.forEach((model, settings) -> {
            read(model, settings, PREDICT).ifPresent(role -> predict.put(model, role));
            read(model, settings, TRAIN).ifPresent(role -> train.put(model, role));
        });
        return new ModelRoles(predict, train);
    }

    private static Optional<Role> read(String model, Map<String, String> settings, String key) {
        String value = settings.get(key);
        if (value == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(Role.parse(value));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--model-setting " + model + "." + key + ": " + e.getMessage());
        }
    }

    /** @return the role predict and infer of the model need, when the model has its own */
    public Optional<Role> predict(String model) {
        return Optional.ofNullable(predict.get(model));
    }

    /** @return the role the training routes of the model need, when the model has its own */
    public Optional<Role> train(String model) {
        return Optional.ofNullable(train.get(model));
    }
}
