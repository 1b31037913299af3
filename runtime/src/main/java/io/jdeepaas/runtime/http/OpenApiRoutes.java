package io.jdeepaas.runtime.http;

import io.javalin.Javalin;
import io.jdeepaas.runtime.openapi.OpenApiDocument;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * Serves the current documents (built on first use, rebuilt after a dev-mode reload): the OpenAPI 3 document at
 * {@code GET /openapi.json} and
 * {@code GET /openapi.yaml}, and the Swagger 2.0 document DEEPaaS's tools read (deepaas_ui) at
 * {@code GET /swagger.json}.
 */
public final class OpenApiRoutes {

    private final Supplier<OpenApiDocument> document;

    /**
     * @param document the serialized document
     */
    public OpenApiRoutes(OpenApiDocument document) {
        this(() -> document);
        Objects.requireNonNull(document, "document");
    }

    /**
     * @param document gives the serialized document to answer each request with
     */
    public OpenApiRoutes(Supplier<OpenApiDocument> document) {
        this.document = Objects.requireNonNull(document, "document");
    }

    /**
     * Registers the three routes (without the base path: Javalin's context path adds it).
     *
     * @param app the server
     */
    public void register(Javalin app) {
        app.get("/openapi.json", ctx -> ctx.contentType("application/json").result(document.get().json()));
        app.get("/swagger.json", ctx -> ctx.contentType("application/json").result(document.get().swagger2()));
        app.get("/openapi.yaml", ctx -> ctx.contentType("application/yaml").result(document.get().yaml()));
    }
}
