package io.jdeepaas.runtime.errors;

/** 400: the request body or parameters cannot be read. */
public class BadRequestException extends ApiException {

    private static final long serialVersionUID = 1L;

    public BadRequestException(String message) {
        super(400, message);
    }
}
