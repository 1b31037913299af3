package io.jdeepaas.runtime.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.jdeepaas.runtime.auth.JdbcApiKeys;
import io.jdeepaas.runtime.auth.Role;
import io.jdeepaas.runtime.errors.BadRequestException;
import io.jdeepaas.runtime.errors.ConflictException;
import io.jdeepaas.runtime.errors.NotFoundException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * API keys, for admins: {@code GET /v2/keys} (list, never the keys themselves), {@code POST /v2/keys}
 * with {@code {"name": "ci-bot", "roles": ["predict"]}} (answers the key, the only time it is shown)
 * and {@code DELETE /v2/keys/{key}} (revoke by name).
 */
final class KeysRoutes {

    private final JdbcApiKeys keys;
    private final ObjectMapper json;

    KeysRoutes(JdbcApiKeys keys, ObjectMapper json) {
        this.keys = keys;
        this.json = json;
    }

    void register(Javalin app) {
        app.get("/v2/keys", ctx -> ctx.json(Map.of("keys", keys.list())));
        app.post("/v2/keys", this::create);
        app.delete("/v2/keys/{key}", ctx -> {
            if (!keys.revoke(ctx.pathParam("key"))) {
                throw new NotFoundException("no API key named '" + ctx.pathParam("key") + "'");
            }
            ctx.json(Map.of("name", ctx.pathParam("key"), "revoked", true));
        });
    }

    private void create(Context ctx) {
        JsonNode body;
        try {
            body = json.readTree(ctx.bodyInputStream());
        } catch (IOException e) {
            throw new BadRequestException("the body must be JSON such as {\"name\": \"ci-bot\", \"roles\": [\"predict\"]}");
        }
        if (body == null || !body.path("name").isTextual() || !body.path("roles").isArray()) {
            throw new BadRequestException("the body must be JSON such as {\"name\": \"ci-bot\", \"roles\": [\"predict\"]}");
        }
        Set<Role> roles = EnumSet.noneOf(Role.class);
        List<String> labels = new ArrayList<>();
        try {
            body.path("roles").forEach(r -> roles.add(Role.parse(r.asText())));
        } catch (IllegalArgumentException e) {
            throw new BadRequestException(e.getMessage());
        }
        roles.forEach(r -> labels.add(r.label()));
        String name = body.path("name").asText();
        ctx.attribute(AuditRoutes.DETAIL, "key " + name);
        String key;
        try {
            key = keys.create(name, roles, AccessFilter.identity(ctx).owner());
        } catch (IllegalArgumentException e) {
            if (e.getMessage().contains("exists")) {
                throw new ConflictException(e.getMessage());
            }
            throw new BadRequestException(e.getMessage());
        }
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("name", name);
        answer.put("roles", labels);
        answer.put("key", key);
        ctx.status(201).json(answer);
    }
}
