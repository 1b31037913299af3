package io.jdeepaas.runtime.http;

import io.javalin.Javalin;
import io.javalin.http.Context;
import io.jdeepaas.runtime.auth.AuditEntry;
import io.jdeepaas.runtime.auth.AuditTrail;
import io.jdeepaas.runtime.auth.Identity;
import io.jdeepaas.runtime.errors.BadRequestException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Map;

/**
 * The audit trail: after every state-changing route (train, cancel, purge, retry, load, unload, key
 * changes, version uploads and deletions, alias changes) one entry with who, what, which model and training, and the status answered, refused
 * calls included; {@code GET /v2/audit} lists them for admins, filtered by {@code who},
 * {@code action}, {@code model}, {@code since} (ISO-8601) and {@code limit} (default 100).
 */
final class AuditRoutes {

    /** The request attribute a route sets to the training it created (a start or a retry). */
    static final String TRAINING = "jdeepaas.audit.training";
    /** The request attribute a route sets to what else the entry should say. */
    static final String DETAIL = "jdeepaas.audit.detail";

    private final AuditTrail trail;

    AuditRoutes(AuditTrail trail) {
        this.trail = trail;
    }

    void register(Javalin app) {
        app.afterMatched(this::record);
        app.get("/v2/audit", ctx -> ctx.json(Map.of("entries", trail.list(filter(ctx)))));
    }

    private void record(Context ctx) {
        String action = action(ctx);
        if (action == null) {
            return;
        }
        Identity caller = AccessFilter.identityIfKnown(ctx);
        String who = caller == null ? "unauthenticated" : caller.kind() == Identity.Kind.ANONYMOUS ? "anonymous"
                : caller.owner();
        Map<String, String> params = ctx.pathParamMap();
        String training = ctx.attribute(TRAINING) != null ? ctx.attribute(TRAINING) : params.get("uuid");
        String detail = ctx.attribute(DETAIL);
        if (params.containsKey("key")) {
            detail = "key " + params.get("key");
        }
        trail.record(new AuditEntry(Instant.now(), who, action, params.get("name"), training, ctx.statusCode(),
                detail));
    }

    private static String action(Context ctx) {
        if (ctx.method() == io.javalin.http.HandlerType.GET) {
            return null; // reading is not audited
        }
        String route = ctx.method().name() + " " + AccessFilter.route(ctx);
        return switch (route) {
            case "POST /v2/models/{name}/train/" -> "train.start";
            case "DELETE /v2/models/{name}/train/{uuid}" -> "true".equals(ctx.queryParam("purge")) ? "train.purge"
                    : "train.cancel";
            case "POST /v2/models/{name}/train/{uuid}/retry" -> "train.retry";
            case "POST /v2/repository/models/{name}/load" -> "model.load";
            case "POST /v2/repository/models/{name}/unload" -> "model.unload";
            case "POST /v2/keys" -> "key.create";
            case "DELETE /v2/keys/{key}" -> "key.revoke";
            case "POST /v2/models/{name}/versions" -> "version.upload";
            case "DELETE /v2/models/{name}/versions/{version}" -> "version.delete";
            case "PUT /v2/models/{name}/aliases/{alias}" -> "alias.set";
            case "DELETE /v2/models/{name}/aliases/{alias}" -> "alias.remove";
            case "PUT /v2/models/{name}/split" -> "split.set";
            case "DELETE /v2/models/{name}/split" -> "split.remove";
            default -> null;
        };
    }

    private static AuditTrail.Filter filter(Context ctx) {
        Instant since = null;
        if (ctx.queryParam("since") != null) {
            try {
                since = Instant.parse(ctx.queryParam("since"));
            } catch (DateTimeParseException e) {
                throw new BadRequestException("since must be an ISO-8601 instant such as 2026-12-01T10:00:00Z");
            }
        }
        int limit = 100;
        if (ctx.queryParam("limit") != null) {
            try {
                limit = Integer.parseInt(ctx.queryParam("limit"));
            } catch (NumberFormatException e) {
                limit = -1;
            }
            if (limit < 1 || limit > 10_000) {
                throw new BadRequestException("limit must be a whole number from 1 to 10000");
            }
        }
        return new AuditTrail.Filter(ctx.queryParam("who"), ctx.queryParam("action"), ctx.queryParam("model"), since,
                limit);
    }
}
