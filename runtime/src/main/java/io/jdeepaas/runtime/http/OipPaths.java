package io.jdeepaas.runtime.http;

import java.util.regex.Pattern;

/**
 * Which paths belong to the Open Inference Protocol, whose errors read {@code {"error": "..."}}:
 * every path under {@code /v2} that is not a DEEPaaS route (or the other spelling of one), whether a
 * route matches it or not. DEEPaaS routes and paths outside {@code /v2} answer {@code {"message"}}.
 */
final class OipPaths {

    /** The DEEPaaS routes under {@code /v2}, trailing slashes as DEEPaaS has them. */
    private static final Pattern DEEPAAS = Pattern.compile(
            "/v2/|/v2/models/?|/v2/models/[^/]+/|/v2/models/[^/]+/(predict|train)(/.*)?|/v2/experiments(/.*)?"
                    + "|/v2/models/[^/]+/versions/[^/]+/predict/?"
                    + "|/v2/debug");

    private OipPaths() {
    }

    /** @param path the path without the base path, or {@code null} when unknown */
    static boolean matches(String path) {
        return path != null && (path.equals("/v2") || path.startsWith("/v2/")) && !DEEPAAS.matcher(path).matches();
    }
}
