package io.jdeepaas.runtime.errors;

/** 500: the module threw; the message is the module's own. */
public class ModuleFailureException extends ApiException {

    private static final long serialVersionUID = 1L;

    public ModuleFailureException(String message, Throwable cause) {
        super(500, message, cause);
    }
}
