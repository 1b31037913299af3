package io.jdeepaas.runtime.errors;

/** 406: none of the media types the client accepts can be produced. */
public class NotAcceptableException extends ApiException {

    private static final long serialVersionUID = 1L;

    public NotAcceptableException(String message) {
        super(406, message);
    }
}
