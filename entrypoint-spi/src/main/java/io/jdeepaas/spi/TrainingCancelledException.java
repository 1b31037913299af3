package io.jdeepaas.spi;

/** Thrown by a training that stops because it was cancelled; it ends as {@code cancelled}. */
public class TrainingCancelledException extends Exception {

    private static final long serialVersionUID = 1L;

    /** Creates the exception. */
    public TrainingCancelledException() {
        super("training cancelled");
    }
}
