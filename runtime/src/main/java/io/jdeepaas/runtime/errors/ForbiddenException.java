package io.jdeepaas.runtime.errors;

import java.util.Map;

/** 403: the caller is known but lacks the role the route needs (RFC 6750's insufficient_scope). */
public class ForbiddenException extends ApiException {

    private static final long serialVersionUID = 1L;

    public ForbiddenException(String message) {
        super(403, message);
    }

    @Override
    public Map<String, String> headers() {
        return Map.of("WWW-Authenticate", "Bearer realm=\"jdeepaas\", error=\"insufficient_scope\"");
    }
}
