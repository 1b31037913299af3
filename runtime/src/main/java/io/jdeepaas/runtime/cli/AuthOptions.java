package io.jdeepaas.runtime.cli;

import io.jdeepaas.runtime.auth.Access;
import io.jdeepaas.runtime.auth.CallerLimits;
import io.jdeepaas.runtime.auth.Role;
import io.jdeepaas.runtime.auth.RoleMapping;
import io.jdeepaas.runtime.config.SecurityConfig;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import picocli.CommandLine.Option;

/** The authentication flags of {@code deepaas-run}, each with its environment variable. */
final class AuthOptions {

    @Option(names = "--oidc-issuer", paramLabel = "URL", split = ",", defaultValue = "${env:DEEPAAS_OIDC_ISSUER}",
            description = "Trust bearer tokens of this OpenID Connect issuer; repeatable (env DEEPAAS_OIDC_ISSUER,"
                    + " comma-separated).")
    List<String> issuers = new ArrayList<>();

    @Option(names = "--oidc-client-id", paramLabel = "ID", defaultValue = "${env:DEEPAAS_OIDC_CLIENT_ID}",
            description = "The OpenID Connect client the Swagger UI at /api signs in as (authorization code with PKCE;"
                    + " register <server>/api/oauth2-redirect.html as its redirect URI) (env DEEPAAS_OIDC_CLIENT_ID).")
    String uiClientId;

    @Option(names = "--oidc-audience", paramLabel = "AUD", split = ",", defaultValue = "${env:DEEPAAS_OIDC_AUDIENCE}",
            description = "Accept only tokens for this audience (aud); repeatable (env DEEPAAS_OIDC_AUDIENCE).")
    List<String> audiences = new ArrayList<>();

    @Option(names = "--oidc-roles-claim", paramLabel = "PATH", defaultValue = "${env:DEEPAAS_OIDC_ROLES_CLAIM:-}",
            description = "The claim holding the caller's groups or roles, as a dotted path, e.g. groups,"
                    + " realm_access.roles, eduperson_entitlement (env DEEPAAS_OIDC_ROLES_CLAIM).")
    String rolesClaim;

    @Option(names = "--oidc-role", paramLabel = "VALUE=ROLE", split = ",", defaultValue = "${env:DEEPAAS_OIDC_ROLE}",
            description = "A claim value (or prefix ending in *) and the role it gives: read, predict, train or"
                    + " admin; repeatable (env DEEPAAS_OIDC_ROLE).")
    List<String> roleRules = new ArrayList<>();

    @Option(names = "--oidc-default-roles", paramLabel = "ROLES",
            defaultValue = "${env:DEEPAAS_OIDC_DEFAULT_ROLES:-read}",
            description = "Roles of every valid token (env DEEPAAS_OIDC_DEFAULT_ROLES; default ${DEFAULT-VALUE}).")
    String defaultRoles;

    @Option(names = "--api-keys", negatable = true, defaultValue = "${env:DEEPAAS_API_KEYS:-false}",
            description = "Accept API keys (created with 'keys create' or POST /v2/keys) as"
                    + " 'Authorization: Bearer' or 'X-API-Key' (env DEEPAAS_API_KEYS; default ${DEFAULT-VALUE}).")
    boolean apiKeys;

    @Option(names = "--anonymous", paramLabel = "ROLES", defaultValue = "${env:DEEPAAS_ANONYMOUS:-read}",
            description = "Roles of a request without credentials when authentication is on; none closes even"
                    + " metadata (env DEEPAAS_ANONYMOUS; default ${DEFAULT-VALUE}).")
    String anonymous;

    @Option(names = "--metrics-role", paramLabel = "ROLE", defaultValue = "${env:DEEPAAS_METRICS_ROLE:-public}",
            description = "What GET /metrics needs: public (for scrapers) or a role (env DEEPAAS_METRICS_ROLE;"
                    + " default ${DEFAULT-VALUE}).")
    String metricsRole;

    @Option(names = "--insecure", defaultValue = "${env:DEEPAAS_INSECURE:-false}",
            description = "Allow serving a non-loopback address without authentication (env DEEPAAS_INSECURE).")
    boolean insecure;

    @Option(names = "--cors-origin", paramLabel = "ORIGIN", split = ",", defaultValue = "${env:DEEPAAS_CORS_ORIGIN}",
            description = "Allow browser pages of this origin (e.g. https://dashboard.example.org) to call the API;"
                    + " repeatable; none by default (env DEEPAAS_CORS_ORIGIN).")
    List<String> corsOrigins = new ArrayList<>();

    @Option(names = "--tls-cert", paramLabel = "PEM", defaultValue = "${env:DEEPAAS_TLS_CERT}",
            description = "Serve HTTPS with this PEM certificate chain (env DEEPAAS_TLS_CERT); needs --tls-key.")
    java.nio.file.Path tlsCert;

    @Option(names = "--tls-key", paramLabel = "PEM", defaultValue = "${env:DEEPAAS_TLS_KEY}",
            description = "The PEM private key of --tls-cert (env DEEPAAS_TLS_KEY).")
    java.nio.file.Path tlsKey;

    @Option(names = "--rate-limit-predict", paramLabel = "PER_MINUTE",
            defaultValue = "${env:DEEPAAS_RATE_LIMIT_PREDICT:-0}",
            description = "Predictions (predict and infer) one caller may make a minute; 0 = no limit"
                    + " (env DEEPAAS_RATE_LIMIT_PREDICT; default ${DEFAULT-VALUE}).")
    int predictPerMinute;

    @Option(names = "--rate-limit-train", paramLabel = "PER_MINUTE", defaultValue = "${env:DEEPAAS_RATE_LIMIT_TRAIN:-0}",
            description = "Trainings one caller may start a minute; 0 = no limit (env DEEPAAS_RATE_LIMIT_TRAIN;"
                    + " default ${DEFAULT-VALUE}).")
    int trainPerMinute;

    SecurityConfig toConfig() {
        List<RoleMapping.Rule> rules = roleRules == null ? List.of()
                : roleRules.stream().filter(r -> !r.isBlank()).map(RoleMapping.Rule::parse).toList();
        Access metrics = metricsRole.equalsIgnoreCase("public") ? Access.PUBLIC : Access.needs(Role.parse(metricsRole));
        return new SecurityConfig(clean(issuers), new LinkedHashSet<>(clean(audiences)),
                new RoleMapping(rolesClaim == null ? "" : rolesClaim.strip(), rules, Role.parseList(defaultRoles)),
                apiKeys, Role.parseList(anonymous), metrics, insecure, clean(corsOrigins), tlsCert, tlsKey,
                new CallerLimits.Settings(predictPerMinute, trainPerMinute), uiClientId);
    }

    private static List<String> clean(List<String> values) {
        return values == null ? List.of() : values.stream().map(String::strip).filter(v -> !v.isEmpty()).toList();
    }
}
