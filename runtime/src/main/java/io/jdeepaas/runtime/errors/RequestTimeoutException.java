package io.jdeepaas.runtime.errors;

/** 408: the client stopped sending its request body for longer than the idle timeout. */
public class RequestTimeoutException extends ApiException {

    private static final long serialVersionUID = 1L;

    public RequestTimeoutException(String message) {
        super(408, message);
    }
}
