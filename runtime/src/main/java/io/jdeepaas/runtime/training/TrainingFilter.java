package io.jdeepaas.runtime.training;

/**
 * Which trainings to list; a {@code null} field matches every value.
 *
 * @param model the model's name
 * @param experiment the experiment's name
 * @param status the status
 * @param owner the owner (see {@link TrainingRecord#owner()})
 */
public record TrainingFilter(String model, String experiment, TrainingStatus status, String owner) {

    /** @return every training */
    public static TrainingFilter all() {
        return new TrainingFilter(null, null, null, null);
    }

    /** @return every training of one model */
    public static TrainingFilter model(String model) {
        return new TrainingFilter(model, null, null, null);
    }

    /** @return every training of one experiment, whatever its model */
    public static TrainingFilter experiment(String experiment) {
        return new TrainingFilter(null, experiment, null, null);
    }

    /** @return this filter, further restricted to what the viewer may see */
    public TrainingFilter seenBy(TrainingViewer viewer) {
        return new TrainingFilter(model, experiment, status, viewer.ownerFilter());
    }
}
