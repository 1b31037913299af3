package io.jdeepaas.runtime.errors;

/** 404: no such model, training or file. */
public class NotFoundException extends ApiException {

    private static final long serialVersionUID = 1L;

    public NotFoundException(String message) {
        super(404, message);
    }
}
