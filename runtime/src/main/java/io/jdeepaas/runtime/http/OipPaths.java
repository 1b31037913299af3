package io.jdeepaas.runtime.http;

import java.util.regex.Pattern;

/** Which paths belong to the Open Inference Protocol, whose errors read {@code {"error": "..."}}. */
final class OipPaths {

    private static final Pattern OIP = Pattern.compile(
            "/v2|/v2/health/.*|/v2/models/[^/]+|/v2/models/[^/]+/(ready|infer|stats|config)|/v2/models/[^/]+/versions/.*"
                    + "|/v2/models/[^/]+/trace/.*|/v2/repository/.*|/v2/trace/.*|/v2/logging"
                    + "|/v2/(system|cuda)sharedmemory/.*|/v2/keys(/.*)?|/v2/audit");

    private OipPaths() {
    }

    static boolean matches(String path) {
        return OIP.matcher(path).matches();
    }
}
