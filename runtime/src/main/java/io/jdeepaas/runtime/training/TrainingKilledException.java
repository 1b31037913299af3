package io.jdeepaas.runtime.training;

import io.jdeepaas.spi.TrainingCancelledException;

/** A cancelled training that did not stop within the grace period, and whose process was killed. */
public final class TrainingKilledException extends TrainingCancelledException {

    private static final long serialVersionUID = 1L;

    private final String message;

    public TrainingKilledException(String message) {
        this.message = message;
    }

    @Override
    public String getMessage() {
        return message;
    }
}
