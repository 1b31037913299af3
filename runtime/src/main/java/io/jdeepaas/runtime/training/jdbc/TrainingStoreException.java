package io.jdeepaas.runtime.training.jdbc;

/** The training database failed: the SQL state and message say why. */
public final class TrainingStoreException extends RuntimeException {

    public TrainingStoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
