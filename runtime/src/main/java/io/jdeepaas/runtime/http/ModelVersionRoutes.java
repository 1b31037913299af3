package io.jdeepaas.runtime.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.jdeepaas.runtime.auth.Identity;
import io.jdeepaas.runtime.errors.BadRequestException;
import io.jdeepaas.runtime.versions.ModelVersionRecord;
import io.jdeepaas.runtime.versions.VersionService;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A model's versions and aliases: {@code GET /v2/models/{name}/versions} lists them (newest first,
 * with aliases, the policy and what {@code production} points at), {@code POST} of a file or zip
 * ({@code ?filename=}) registers a version, {@code DELETE /v2/models/{name}/versions/{version}}
 * deletes one no alias points at (409 otherwise), {@code PUT /v2/models/{name}/aliases/{alias}}
 * ({@code {"version": "3"}}) points an alias at a version (moving {@code production} swaps what the
 * unversioned routes serve, once the version is warm) and {@code DELETE} removes one;
 * {@code PUT /v2/models/{name}/split} ({@code {"candidate": 10}}) sends that share of the unversioned
 * predict and infer requests to an alias's version, {@code GET} shows it, {@code DELETE} ends it.
 */
final class ModelVersionRoutes {

    private final VersionService versions;
    private final ObjectMapper json;
    private final long maxUpload;

    ModelVersionRoutes(VersionService versions, ObjectMapper json, long maxUpload) {
        this.versions = versions;
        this.json = json;
        this.maxUpload = maxUpload;
    }

    void register(Javalin app) {
        app.get("/v2/models/{name}/versions", this::list);
        app.post("/v2/models/{name}/versions", this::upload);
        app.delete("/v2/models/{name}/versions/{version}", this::delete);
        app.put("/v2/models/{name}/aliases/{alias}", this::setAlias);
        app.delete("/v2/models/{name}/aliases/{alias}", this::removeAlias);
        app.get("/v2/models/{name}/split", ctx -> ctx.json(split(ctx.pathParam("name"))));
        app.put("/v2/models/{name}/split", this::setSplit);
        app.delete("/v2/models/{name}/split", ctx -> {
            boolean removed = versions.removeSplit(ctx.pathParam("name"));
            ctx.json(Map.of("model", ctx.pathParam("name"), "removed", removed));
        });
    }

    /** @return what the versioned metadata adds about one version: its record, lineage included */
    static Map<String, Object> lineage(VersionService versions, ObjectMapper json, String model, String ref) {
        @SuppressWarnings("unchecked")
        Map<String, Object> record = json.convertValue(versions.get(model, ref), Map.class);
        record.remove("model");
        return record;
    }

    private void list(Context ctx) {
        String model = ctx.pathParam("name");
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("model", model);
        body.put("policy", versions.policy(model).name().toLowerCase(java.util.Locale.ROOT));
        Map<String, Integer> aliases = versions.aliases(model);
        Map<String, String> shown = new LinkedHashMap<>();
        aliases.forEach((alias, number) -> shown.put(alias, String.valueOf(number)));
        body.put("aliases", shown);
        body.put("versions", versions.list(model));
        ctx.json(body);
    }

    private void upload(Context ctx) {
        String model = ctx.pathParam("name");
        ModelVersionRecord made = versions.registerUpload(model, BodyReader.open(ctx), ctx.queryParam("filename"),
                maxUpload, who(ctx));
        ctx.attribute(AuditRoutes.DETAIL, "version " + made.id());
        ctx.status(201).json(made);
    }

    private void delete(Context ctx) {
        String model = ctx.pathParam("name");
        String version = ctx.pathParam("version");
        ctx.attribute(AuditRoutes.DETAIL, "version " + version);
        versions.delete(model, version);
        ctx.json(Map.of("model", model, "version", version, "deleted", true));
    }

    private void setAlias(Context ctx) {
        String model = ctx.pathParam("name");
        String alias = ctx.pathParam("alias");
        String version = requestedVersion(ctx);
        ctx.attribute(AuditRoutes.DETAIL, "alias " + alias + " -> version " + version);
        ctx.json(versions.setAlias(model, alias, version, who(ctx)));
    }

    private void removeAlias(Context ctx) {
        String model = ctx.pathParam("name");
        String alias = ctx.pathParam("alias");
        ctx.attribute(AuditRoutes.DETAIL, "alias " + alias);
        versions.removeAlias(model, alias);
        ctx.json(Map.of("model", model, "alias", alias, "removed", true));
    }

    private Map<String, Object> split(String model) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("model", model);
        Map<String, Integer> shares = new LinkedHashMap<>();
        versions.split(model).ifPresent(split -> shares.put(split.alias(), split.percent()));
        body.put("split", shares);
        return body;
    }

    /** {@code {"candidate": 10}}: one alias and its percentage. */
    private void setSplit(Context ctx) {
        String model = ctx.pathParam("name");
        JsonNode body;
        try {
            body = json.readTree(BodyReader.open(ctx));
        } catch (IOException e) {
            body = null;
        }
        if (body == null || !body.isObject() || body.size() != 1 || !body.elements().next().isIntegralNumber()) {
            throw new BadRequestException("send one alias and its share in percent, e.g. {\"candidate\": 10}");
        }
        String alias = body.fieldNames().next();
        int percent = body.path(alias).asInt();
        ctx.attribute(AuditRoutes.DETAIL, alias + " " + percent + "%");
        versions.setSplit(model, alias, percent, who(ctx));
        ctx.json(split(model));
    }

    private String requestedVersion(Context ctx) {
        JsonNode body;
        try {
            body = json.readTree(BodyReader.open(ctx));
        } catch (IOException e) {
            throw new BadRequestException("send the version as JSON: {\"version\": \"3\"}");
        }
        JsonNode version = body == null ? null : body.get("version");
        if (version == null || !(version.isTextual() || version.isIntegralNumber()) || version.asText().isEmpty()) {
            throw new BadRequestException("send the version as JSON: {\"version\": \"3\"} (a version id or alias)");
        }
        return version.asText();
    }

    private static String who(Context ctx) {
        Identity caller = AccessFilter.identityIfKnown(ctx);
        return caller == null ? "" : caller.owner();
    }
}
