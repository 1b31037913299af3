package io.jdeepaas.runtime.errors;

/** 415: the request's Content-Type is not one the route reads. */
public class UnsupportedMediaTypeException extends ApiException {

    private static final long serialVersionUID = 1L;

    public UnsupportedMediaTypeException(String message) {
        super(415, message);
    }
}
