package io.jdeepaas.runtime.http;

import io.javalin.Javalin;
import io.jdeepaas.runtime.openapi.OpenApiDocument;
import java.util.Objects;

/**
 * Serves the OpenAPI document built at start-up: {@code GET /openapi.json}, its alias
 * {@code GET /swagger.json}, and {@code GET /openapi.yaml}.
 */
public final class OpenApiRoutes {

    private final OpenApiDocument document;

    /**
     * @param document the serialized document
     */
    public OpenApiRoutes(OpenApiDocument document) {
        this.document = Objects.requireNonNull(document, "document");
    }

    /**
     * Registers the three routes (without the base path: Javalin's context path adds it).
     *
     * @param app the server
     */
    public void register(Javalin app) {
        app.get("/openapi.json", ctx -> ctx.contentType("application/json").result(document.json()));
        app.get("/swagger.json", ctx -> ctx.contentType("application/json").result(document.json()));
        app.get("/openapi.yaml", ctx -> ctx.contentType("application/yaml").result(document.yaml()));
    }
}
