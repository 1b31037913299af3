package io.jdeepaas.runtime.errors;

/** 501: the module does not offer this capability. */
public class NotImplementedException extends ApiException {

    private static final long serialVersionUID = 1L;

    public NotImplementedException(String message) {
        super(501, message);
    }
}
