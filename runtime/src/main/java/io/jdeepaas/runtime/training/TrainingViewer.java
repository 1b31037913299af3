package io.jdeepaas.runtime.training;

/**
 * Whose trainings a caller may see and act on: an admin sees every training, anyone else only the
 * ones they own. Another user's training is treated as if it did not exist (answered 404), so its
 * id is not revealed.
 *
 * @param owner the caller as trainings record their owner (see {@link TrainingRecord#owner()})
 * @param seesAll whether the caller sees every training (an admin)
 */
public record TrainingViewer(String owner, boolean seesAll) {

    /** The runtime itself (start-up, command line): sees every training and starts anonymous ones. */
    public static final TrainingViewer EVERYONE = new TrainingViewer(TrainingRecord.ANONYMOUS, true);

    /** @return whether the caller may see the training */
    public boolean sees(TrainingRecord record) {
        return seesAll || owner.equals(record.owner());
    }

    /** @return the owner a listing is restricted to, or {@code null} for every owner */
    public String ownerFilter() {
        return seesAll ? null : owner;
    }
}
