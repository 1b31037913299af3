package io.jdeepaas.runtime.errors;

/** 429: a queue is full; the client should retry after {@link #retryAfterSeconds()}. */
public class TooManyRequestsException extends ApiException {

    private static final long serialVersionUID = 1L;
    private final int retryAfter;

    public TooManyRequestsException(String message, int retryAfterSeconds) {
        super(429, message);
        this.retryAfter = retryAfterSeconds;
    }

    @Override
    public int retryAfterSeconds() {
        return retryAfter;
    }
}
