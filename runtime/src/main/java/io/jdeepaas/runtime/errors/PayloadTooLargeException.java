package io.jdeepaas.runtime.errors;

/** 413: the request is larger than {@code --max-upload-size}. */
public class PayloadTooLargeException extends ApiException {

    private static final long serialVersionUID = 1L;

    public PayloadTooLargeException(String message) {
        super(413, message);
    }
}
