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
        String trace = "the trace extension";
        both(app, trace, "/v2/trace/setting");
        both(app, trace, "/v2/models/{name}/trace/setting");
        both(app, "the logging extension", "/v2/logging");
        for (String memory : new String[] {"systemsharedmemory", "cudasharedmemory"}) {
            String what = "the " + (memory.startsWith("cuda") ? "CUDA" : "system") + " shared-memory extension";
            String base = "/v2/" + memory;
            app.get(base + "/status", refuse(what));
            app.get(base + "/region/{region}/status", refuse(what));
            app.post(base + "/region/{region}/register", refuse(what));
            app.post(base + "/region/{region}/unregister", refuse(what));
            app.post(base + "/unregister", refuse(what));
        }
    }

    private static void both(Javalin app, String what, String path) {
        app.get(path, refuse(what));
        app.post(path, refuse(what));
    }

    private static Handler refuse(String what) {
        return ctx -> {
            throw new NotImplementedException(what + " is not supported by this server; its extensions are listed "
                    + "in GET /v2");
        };
    }
}
