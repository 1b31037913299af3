package io.jdeepaas.runtime.http;

import io.javalin.Javalin;
import java.util.List;
import java.util.Map;

/** {@code GET /} (the versions document) and {@code GET /v2/} (the v2 version). */
final class VersionsRoutes {

    private final Links links;

    VersionsRoutes(Links links) {
        this.links = links;
    }

    void register(Javalin app) {
        app.get("/", ctx -> ctx.json(Map.of(
                "versions", List.of(version()),
                "links", List.of(links.link("help", "/api"), links.link("describedby", "/openapi.json")))));
        app.get("/v2/", ctx -> ctx.json(version()));
    }

    private Map<String, Object> version() {
        return Map.of("version", "stable", "id", "v2", "links", List.of(
                links.link("self", "/v2/"), links.link("models", "/v2/models/"),
                links.link("describedby", "/openapi.json")));
    }
}
