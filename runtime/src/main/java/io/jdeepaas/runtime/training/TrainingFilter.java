package io.jdeepaas.runtime.training;

/**
 * Which trainings to list; a {@code null} field matches every value.
 *
 * @param model the model's name
 * @param experiment the experiment's name
 * @param status the status
 */
public record TrainingFilter(String model, String experiment, TrainingStatus status) {

    /** @return every training of one model */
    public static TrainingFilter model(String model) {
        return new TrainingFilter(model, null, null);
    }

    /** @return every training of one experiment, whatever its model */
    public static TrainingFilter experiment(String experiment) {
        return new TrainingFilter(null, experiment, null);
    }
}
