/**
 * The OpenAPI 3 document of a running jDEEPaaS server, built once at start-up with swagger-core
 * from the loaded models.
 *
 * <p>{@link io.jdeepaas.runtime.openapi.OpenApiBuilder} turns an
 * {@link io.jdeepaas.runtime.openapi.ApiDescription} (title, base path, models, enabled
 * endpoints) into a swagger {@code OpenAPI} model: the generic routes, then one operation per
 * route per model, each model's declared arguments as request-body properties
 * ({@link io.jdeepaas.runtime.openapi.ArgumentSchemas}) and the shared schemas and error
 * responses ({@link io.jdeepaas.runtime.openapi.SharedSchemas}).
 * {@link io.jdeepaas.runtime.openapi.OpenApiDocument} serializes it once to JSON and YAML for the
 * HTTP layer and the {@code openapi} subcommand.
 *
 * <p>Nothing here imports Javalin: serving the document is the job of the {@code http} package.
 */
package io.jdeepaas.runtime.openapi;
