package io.jdeepaas.spi;

/**
 * Thrown by a module when the input as a whole cannot be used. The runtime answers 400 with the
 * message.
 */
public class BadInputException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** @param message what is wrong, in words a user can act on */
    public BadInputException(String message) {
        super(message);
    }

    /**
     * @param message what is wrong, in words a user can act on
     * @param cause the underlying failure
     */
    public BadInputException(String message, Throwable cause) {
        super(message, cause);
    }
}
