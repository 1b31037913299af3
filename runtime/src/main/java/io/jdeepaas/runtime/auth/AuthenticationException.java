package io.jdeepaas.runtime.auth;

/**
 * The caller's credentials were sent but are not valid: answered 401 with
 * {@code WWW-Authenticate: Bearer error="invalid_token"} and this message as its description.
 * The message never contains the token or the key.
 */
public final class AuthenticationException extends RuntimeException {

    public AuthenticationException(String message) {
        super(message);
    }
}
