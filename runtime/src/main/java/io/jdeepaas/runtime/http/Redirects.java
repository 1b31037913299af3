package io.jdeepaas.runtime.http;

import io.javalin.Javalin;
import io.javalin.http.HandlerType;
import io.javalin.http.HttpStatus;

/**
 * Answers the other spelling of a route (with or without its trailing slash) with 308 to the
 * canonical one, keeping method, body and query string.
 */
final class Redirects {

    /** Marks the routes that only redirect: they need no role, since the canonical route checks. */
    enum Marker implements io.javalin.security.RouteRole { REDIRECT }

    private static final HandlerType[] METHODS = {HandlerType.GET, HandlerType.POST, HandlerType.PUT,
        HandlerType.DELETE, HandlerType.PATCH, HandlerType.HEAD};

    private Redirects() {
    }

    /**
     * @param app the server
     * @param from the non-canonical path pattern (Javalin syntax)
     * @param addSlash true when the canonical path is {@code from + "/"}, false when it is
     *     {@code from} without its trailing slash
     */
    static void permanent(Javalin app, String from, boolean addSlash) {
        for (HandlerType method : METHODS) {
            app.addHttpHandler(method, from, ctx -> {
                String path = ctx.path();
                String target = addSlash ? path + "/" : path.substring(0, path.length() - 1);
                String query = ctx.queryString();
                ctx.header("Location", query == null ? target : target + "?" + query);
                ctx.status(HttpStatus.PERMANENT_REDIRECT);
            }, Marker.REDIRECT);
        }
    }
}
