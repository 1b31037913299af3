package io.jdeepaas.runtime.http;

import io.javalin.Javalin;
import io.javalin.http.Handler;
import io.jdeepaas.runtime.errors.NotImplementedException;

/**
 * The routes of Triton's extensions that this server does not offer (trace, logging, system and
 * CUDA shared memory), which Triton's clients call by name: answered 501 with the protocol's
 * {@code {"error": "... is not supported"}}, which those clients decode and show, rather than a
 * 404 they cannot tell from a typo.
 */
final class UnsupportedExtensionRoutes {

    void register(Javalin app) {
        unsupported(app, "the trace extension", "/v2/trace/setting", "/v2/models/{name}/trace/setting");
        unsupported(app, "the logging extension", "/v2/logging");
        for (String memory : new String[] {"systemsharedmemory", "cudasharedmemory"}) {
            String what = "the " + (memory.startsWith("cuda") ? "CUDA" : "system") + " shared-memory extension";
            unsupported(app, what, "/v2/" + memory + "/status", "/v2/" + memory + "/unregister",
                    "/v2/" + memory + "/region/{region}/status", "/v2/" + memory + "/region/{region}/register",
                    "/v2/" + memory + "/region/{region}/unregister");
        }
    }

    private static void unsupported(Javalin app, String what, String... paths) {
        Handler refuse = ctx -> {
            throw new NotImplementedException(what + " is not supported by this server; its extensions are listed "
                    + "in GET /v2");
        };
        for (String path : paths) {
            app.get(path, refuse);
            app.post(path, refuse);
        }
    }
}
