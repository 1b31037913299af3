package io.jdeepaas.runtime.http;

import io.javalin.Javalin;
import io.jdeepaas.runtime.openapi.OpenApiDocument;
import java.util.Objects;

/**
 * Serves the documents built at start-up: the OpenAPI 3 document at {@code GET /openapi.json} and
 * {@code GET /openapi.yaml}, and the Swagger 2.0 document DEEPaaS's tools read (deepaas_ui) at
 * {@code GET /swagger.json}.
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
        app.get("/swagger.json", ctx -> ctx.contentType("application/json").result(document.swagger2()));
        app.get("/openapi.yaml", ctx -> ctx.contentType("application/yaml").result(document.yaml()));
    }
}
