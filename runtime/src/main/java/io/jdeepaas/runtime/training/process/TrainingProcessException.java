package io.jdeepaas.runtime.training.process;

/** A training that failed in its child JVM, or whose child JVM ended without reporting. */
final class TrainingProcessException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    TrainingProcessException(String message) {
        super(message);
    }
}
