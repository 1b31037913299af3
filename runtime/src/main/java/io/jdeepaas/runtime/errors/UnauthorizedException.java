package io.jdeepaas.runtime.errors;

import java.util.Map;

/**
 * 401: no credentials where a route needs them, or credentials that are not valid. Answered with
 * {@code WWW-Authenticate: Bearer} (RFC 6750), plus {@code error="invalid_token"} and its description
 * when a token or key was sent.
 */
public class UnauthorizedException extends ApiException {

    private static final long serialVersionUID = 1L;
    private final boolean invalidCredentials;

    /**
     * @param message what is wrong, never the credential itself
     * @param invalidCredentials whether credentials were sent (and refused), rather than missing
     */
    public UnauthorizedException(String message, boolean invalidCredentials) {
        super(401, message);
        this.invalidCredentials = invalidCredentials;
    }

    @Override
    public Map<String, String> headers() {
        String challenge = "Bearer realm=\"jdeepaas\"";
        if (invalidCredentials) {
            challenge += ", error=\"invalid_token\", error_description=\"" + getMessage().replace("\"", "'") + "\"";
        }
        return Map.of("WWW-Authenticate", challenge);
    }
}
