package io.jdeepaas.runtime.registry;

/** A problem that stops the runtime from starting, e.g. two modules with the same name. */
public class StartupException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public StartupException(String message) {
        super(message);
    }

    public StartupException(String message, Throwable cause) {
        super(message, cause);
    }
}
