package io.jdeepaas.testkit;

import java.util.List;
import java.util.Map;

/** The values of a test request were refused, exactly as the runtime would refuse them with a 422. */
public final class InvalidRequestException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;
    private final transient Map<String, List<String>> errors;

    InvalidRequestException(String message, Map<String, List<String>> errors) {
        super(message);
        this.errors = Map.copyOf(errors);
    }

    /** @return the messages by argument name, as in the 422's {@code errors} */
    public Map<String, List<String>> errors() {
        return errors;
    }
}
