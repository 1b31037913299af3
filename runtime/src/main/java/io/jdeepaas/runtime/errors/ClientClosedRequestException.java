package io.jdeepaas.runtime.errors;

/**
 * 499 (nginx's "client closed request"): the client went away before its answer was ready. Nobody
 * reads this answer; the status shows in metrics and logs.
 */
public class ClientClosedRequestException extends ApiException {

    private static final long serialVersionUID = 1L;

    public ClientClosedRequestException(String message) {
        super(499, message);
    }
}
