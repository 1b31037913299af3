package io.jdeepaas.runtime.errors;

/** 503: the model is loading, failed or unloaded; a retry may succeed after {@link #retryAfterSeconds()}. */
public class ServiceUnavailableException extends ApiException {

    private static final long serialVersionUID = 1L;
    private final int retryAfter;

    public ServiceUnavailableException(String message, int retryAfterSeconds) {
        super(503, message);
        this.retryAfter = retryAfterSeconds;
    }

    @Override
    public int retryAfterSeconds() {
        return retryAfter;
    }
}
