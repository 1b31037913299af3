package io.jdeepaas.runtime.errors;

/** 409: the resource is not in a state that allows this operation. */
public class ConflictException extends ApiException {

    private static final long serialVersionUID = 1L;

    public ConflictException(String message) {
        super(409, message);
    }
}
