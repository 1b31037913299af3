package io.jdeepaas.runtime.auth;

/**
 * A trusted provider could not be reached to check a token (discovery or keys): answered 503,
 * as the fault is neither the caller's nor its token's.
 */
public final class ProviderUnavailableException extends RuntimeException {

    public ProviderUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
