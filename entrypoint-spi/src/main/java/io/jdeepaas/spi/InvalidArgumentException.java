package io.jdeepaas.spi;

/**
 * Thrown by a module when one argument's value is well-typed but unusable (an unreadable image, a
 * row of the wrong length). The runtime answers 422 with the message under the argument's name.
 */
public class InvalidArgumentException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** The argument at fault. */
    private final String argument;

    /**
     * @param argument the name of the argument at fault
     * @param message what is wrong with it, in words a user can act on
     */
    public InvalidArgumentException(String argument, String message) {
        super(message);
        this.argument = argument;
    }

    /** @return the name of the argument at fault */
    public String argument() {
        return argument;
    }
}
