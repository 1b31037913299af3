package io.jdeepaas.runtime.errors;

/** 504: the work did not finish within its time limit. */
public class GatewayTimeoutException extends ApiException {

    private static final long serialVersionUID = 1L;

    public GatewayTimeoutException(String message) {
        super(504, message);
    }
}
