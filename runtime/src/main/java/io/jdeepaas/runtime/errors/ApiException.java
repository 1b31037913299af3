package io.jdeepaas.runtime.errors;

/** A failure with an HTTP status and a message a user can act on. */
public class ApiException extends RuntimeException {

    private static final long serialVersionUID = 1L;
    private final int status;

    public ApiException(int status, String message) {
        super(message);
        this.status = status;
    }

    public ApiException(int status, String message, Throwable cause) {
        super(message, cause);
        this.status = status;
    }

    public int status() {
        return status;
    }

    /** @return headers the answer carries besides the body (e.g. {@code WWW-Authenticate}); none by default */
    public java.util.Map<String, String> headers() {
        return java.util.Map.of();
    }

    /** @return seconds after which a retry may succeed, for 429 and 503; 0 when not applicable */
    public int retryAfterSeconds() {
        return 0;
    }
}
