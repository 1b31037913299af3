package io.jdeepaas.runtime.training;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** The states of a training. {@code cancelling} is shown while a cancelled training has not stopped yet. */
public enum TrainingStatus {
    QUEUED, RUNNING, CANCELLING, DONE, ERROR, CANCELLED, INTERRUPTED;

    @JsonValue
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    @JsonCreator
    public static TrainingStatus of(String label) {
        return valueOf(label.toUpperCase(Locale.ROOT));
    }

    /** @return whether the training has ended and will not change any more */
    public boolean isFinal() {
        return this == DONE || this == ERROR || this == CANCELLED || this == INTERRUPTED;
    }
}
