package io.jdeepaas.runtime.auth;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The role each route needs, as one table: {@code METHOD template} (the route as registered, without
 * the base path; the trailing-slash spelling that only redirects needs the same as its target).
 * A route missing from the table needs {@code admin}, so a route added without a rule is closed
 * rather than open (and the route-table test fails the build). A model may need other roles for
 * its predict and training routes ({@link ModelRoles}).
 */
public final class AccessPolicy {

    private static final java.util.Set<String> PREDICT_ROUTES = java.util.Set.of("POST /v2/models/{name}/predict",
            "POST /v2/models/{name}/infer", "POST /v2/models/{name}/versions/{version}/infer");

    private final Map<String, Access> rules = new LinkedHashMap<>();
    private final ModelRoles models;

    /**
     * @param metricsAccess what {@code GET /metrics} needs: public by default, for scrapers
     */
    public AccessPolicy(Access metricsAccess) {
        this(metricsAccess, ModelRoles.NONE);
    }

    /**
     * @param metricsAccess what {@code GET /metrics} needs: public by default, for scrapers
     * @param models the roles some models need instead of the usual ones
     */
    public AccessPolicy(Access metricsAccess, ModelRoles models) {
        this.models = models;
        Access read = Access.needs(Role.READ);
        Access predict = Access.needs(Role.PREDICT);
        Access admin = Access.needs(Role.ADMIN);
        // probes
        rule("GET /v2/health/live", Access.PUBLIC);
        rule("GET /v2/health/ready", Access.PUBLIC);
        rule("GET /metrics", metricsAccess);
        // reading what is served
        for (String path : new String[] {"/", "/v2", "/v2/", "/v2/models/", "/v2/models/{name}", "/v2/models/{name}/",
                "/v2/models/{name}/ready", "/v2/models/{name}/stats", "/v2/models/stats", "/v2/models/{name}/config",
                "/v2/models/{name}/versions/{version}", "/v2/models/{name}/versions/{version}/ready",
                "/v2/models/{name}/versions/{version}/stats", "/v2/models/{name}/versions/{version}/config",
                "/v2/models/{name}/versions", "/v2/models/{name}/split",
                "/openapi.json", "/openapi.yaml", "/swagger.json", "/api", "/api/{asset}"}) {
            rule("GET " + path, read);
        }
        // Triton's trace, logging and shared-memory extensions: answered 501 (not supported) to any reader
        for (String path : new String[] {"/v2/trace/setting", "/v2/models/{name}/trace/setting", "/v2/logging",
                "/v2/systemsharedmemory/status", "/v2/systemsharedmemory/region/{region}/status",
                "/v2/cudasharedmemory/status", "/v2/cudasharedmemory/region/{region}/status"}) {
            rule("GET " + path, read);
        }
        for (String path : new String[] {"/v2/trace/setting", "/v2/models/{name}/trace/setting", "/v2/logging",
                "/v2/systemsharedmemory/region/{region}/register", "/v2/systemsharedmemory/region/{region}/unregister",
                "/v2/systemsharedmemory/unregister", "/v2/cudasharedmemory/region/{region}/register",
                "/v2/cudasharedmemory/region/{region}/unregister", "/v2/cudasharedmemory/unregister"}) {
            rule("POST " + path, read);
        }
        // predicting
        rule("POST /v2/models/{name}/predict/", predict);
        rule("POST /v2/models/{name}/infer", predict);
        rule("POST /v2/models/{name}/versions/{version}/infer", predict);
        rule("POST /v2/models/{name}/versions/{version}/predict/", predict);
        // training: starting needs train; one training is reachable by its owner (or an admin)
        rule("POST /v2/models/{name}/train/", Access.needs(Role.TRAIN));
        rule("GET /v2/models/{name}/train/", Access.owns(Role.TRAIN));
        for (String path : new String[] {"", "/metrics", "/logs", "/events", "/artifacts/", "/artifacts/<path>"}) {
            rule("GET /v2/models/{name}/train/{uuid}" + path, Access.owns(Role.TRAIN));
        }
        rule("DELETE /v2/models/{name}/train/{uuid}", Access.owns(Role.TRAIN));
        rule("POST /v2/models/{name}/train/{uuid}/retry", Access.owns(Role.TRAIN));
        rule("GET /v2/experiments/", Access.owns(Role.TRAIN));
        rule("GET /v2/experiments/{experiment}", Access.owns(Role.TRAIN));
        // running the server
        rule("POST /v2/repository/index", admin);
        rule("POST /v2/repository/models/{name}/load", admin);
        rule("POST /v2/repository/models/{name}/unload", admin);
        rule("GET /v2/debug", admin);
        rule("GET /v2/keys", admin);
        rule("POST /v2/keys", admin);
        rule("DELETE /v2/keys/{key}", admin);
        rule("GET /v2/audit", admin);
        // model versions and aliases
        rule("POST /v2/models/{name}/versions", admin);
        rule("DELETE /v2/models/{name}/versions/{version}", admin);
        rule("PUT /v2/models/{name}/aliases/{alias}", admin);
        rule("DELETE /v2/models/{name}/aliases/{alias}", admin);
        rule("PUT /v2/models/{name}/split", admin);
        rule("DELETE /v2/models/{name}/split", admin);
    }

    private void rule(String route, Access access) {
        rules.put(normalize(route), access);
    }

    /**
     * @param method the request's method
     * @param template the matched route's template, without the base path
     * @return what it needs, if the table has the route
     */
    public Optional<Access> find(String method, String template) {
        return Optional.ofNullable(rules.get(normalize(method + " " + template)));
    }

    /** @return what the route needs; {@code admin} when the table lacks it */
    public Access of(String method, String template) {
        return find(method, template).orElse(Access.needs(Role.ADMIN));
    }

    /**
     * @param model the route's {@code {name}}, or empty
     * @return what the route needs for that model: its own predict or train role when it has one
     */
    public Access of(String method, String template, String model) {
        Access access = of(method, template);
        if (model.isEmpty()) {
            return access;
        }
        String route = normalize(method + " " + template);
        Optional<Role> own = PREDICT_ROUTES.contains(route) ? models.predict(model)
                : route.contains(" /v2/models/{name}/train") ? models.train(model) : Optional.empty();
        return own.map(role -> new Access(role, access.owned())).orElse(access);
    }

    private static String normalize(String route) {
        int path = route.indexOf(' ') + 1;
        String trimmed = route.length() > path + 1 && route.endsWith("/") ? route.substring(0, route.length() - 1) : route;
        return trimmed.replace("HEAD ", "GET ");
    }
}
