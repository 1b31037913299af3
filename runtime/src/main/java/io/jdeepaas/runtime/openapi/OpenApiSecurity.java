package io.jdeepaas.runtime.openapi;

import io.jdeepaas.runtime.auth.Access;
import io.jdeepaas.runtime.auth.AccessPolicy;
import io.jdeepaas.runtime.auth.Role;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.headers.Header;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Writes into a built document how its server checks callers: the security schemes (one OpenID
 * Connect scheme per trusted issuer, pointing at its discovery document, a plain bearer scheme for
 * tokens and API keys sent as {@code Authorization: Bearer}, and the {@code X-API-Key} header), and
 * on each operation the schemes that guard it, as the {@link AccessPolicy} decides: none on the
 * routes anyone may call (health, and {@code /metrics} unless it needs a role), the schemes plus an
 * empty requirement where anonymous callers already hold the role, the schemes alone elsewhere;
 * guarded operations list their 401 and 403 answers. A server without authentication keeps the
 * document's single empty requirement.
 */
public final class OpenApiSecurity {

    /** The scheme of a bearer token (a JWT from a trusted issuer, or an API key). */
    public static final String BEARER = "bearer";
    /** The scheme of an API key in its own header. */
    public static final String API_KEY = "apiKey";
    /** The scheme of the first trusted OpenID Connect issuer; the next ones are {@code oidc2}, {@code oidc3}, ... */
    public static final String OIDC = "oidc";

    /**
     * How the server checks callers.
     *
     * @param issuers the trusted OpenID Connect issuers
     * @param apiKeys whether API keys are accepted
     * @param anonymous the roles of a caller without credentials
     * @param policy the role each route needs
     * @param models the served models' names (their routes carry the name, not {@code {name}})
     */
    public record Settings(List<String> issuers, boolean apiKeys, Set<Role> anonymous, AccessPolicy policy,
                           Set<String> models) {

        /** @return whether any credential is checked */
        public boolean enabled() {
            return !issuers.isEmpty() || apiKeys;
        }
    }

    private OpenApiSecurity() {
    }

    /** @return the document, changed in place: its schemes and each operation's requirements */
    public static OpenAPI apply(OpenAPI api, Settings settings) {
        if (!settings.enabled()) {
            return api;
        }
        List<String> schemes = new ArrayList<>();
        for (int i = 0; i < settings.issuers().size(); i++) {
            String name = i == 0 ? OIDC : OIDC + (i + 1);
            String issuer = settings.issuers().get(i);
            api.getComponents().addSecuritySchemes(name, new SecurityScheme().type(SecurityScheme.Type.OPENIDCONNECT)
                    .description("An access token from " + issuer)
                    .openIdConnectUrl(stripSlash(issuer) + "/.well-known/openid-configuration"));
            schemes.add(name);
        }
        api.getComponents().addSecuritySchemes(BEARER, new SecurityScheme().type(SecurityScheme.Type.HTTP)
                .scheme("bearer").description(settings.issuers().isEmpty() ? "An API key as a bearer token"
                        : "An access token (JWT) from a trusted issuer" + (settings.apiKeys() ? ", or an API key" : "")));
        schemes.add(BEARER);
        if (settings.apiKeys()) {
            api.getComponents().addSecuritySchemes(API_KEY, new SecurityScheme().type(SecurityScheme.Type.APIKEY)
                    .in(SecurityScheme.In.HEADER).name("X-API-Key").description("An API key (jdeepaas keys create)"));
            schemes.add(API_KEY);
        }
        List<SecurityRequirement> guarded = schemes.stream().map(s -> new SecurityRequirement().addList(s)).toList();
        api.setSecurity(guarded);
        api.getPaths().forEach((path, item) -> item.readOperationsMap().forEach((method, operation) ->
                guard(operation, method, path, item, settings, guarded)));
        return api;
    }

    private static void guard(Operation operation, PathItem.HttpMethod method, String path, PathItem item,
                              Settings settings, List<SecurityRequirement> guarded) {
        String[] route = template(path, settings.models());
        Access access = settings.policy().of(method.name(), route[0], route[1]);
        if (access.isPublic()) {
            operation.setSecurity(List.of());
            return;
        }
        List<SecurityRequirement> requirements = new ArrayList<>(guarded);
        if (access.role().allowedBy(settings.anonymous())) {
            requirements.add(new SecurityRequirement());
        }
        operation.setSecurity(requirements);
        ApiResponses responses = operation.getResponses();
        String error = usesOipErrors(responses) ? SharedSchemas.OIP_ERROR : SharedSchemas.ERROR;
        Header challenge = new Header().description("Bearer, with error=\"invalid_token\" and error_description when"
                + " the credentials were sent but are not valid").schema(new Schema<String>().type("string"));
        responses.putIfAbsent("401", new ApiResponse().description("No credentials, or credentials that are not valid"
                        + " (expired, wrong issuer or audience, revoked key); the body says which")
                .addHeaderObject("WWW-Authenticate", challenge)
                .content(SharedSchemas.json(SharedSchemas.ref(error))));
        responses.putIfAbsent("403", new ApiResponse().description("The caller lacks the '" + access.role().label()
                        + "' role this operation needs").addHeaderObject("WWW-Authenticate", challenge)
                .content(SharedSchemas.json(SharedSchemas.ref(error))));
    }

    /** @return the route's template and model name: {@code /v2/models/demo/predict/} is {@code /v2/models/{name}/predict/} of demo */
    private static String[] template(String path, Set<String> models) {
        String prefix = "/v2/models/";
        if (path.startsWith(prefix)) {
            String rest = path.substring(prefix.length());
            int slash = rest.indexOf('/');
            String name = slash < 0 ? rest : rest.substring(0, slash);
            if (models.contains(name)) {
                return new String[] {prefix + "{name}" + (slash < 0 ? "" : rest.substring(slash)), name};
            }
        }
        return new String[] {path, ""};
    }

    private static boolean usesOipErrors(ApiResponses responses) {
        String oip = "#/components/schemas/" + SharedSchemas.OIP_ERROR;
        return responses.values().stream().filter(r -> r.getContent() != null)
                .flatMap(r -> r.getContent().values().stream())
                .anyMatch(m -> m.getSchema() != null && oip.equals(m.getSchema().get$ref()));
    }

    private static String stripSlash(String issuer) {
        return issuer.endsWith("/") ? issuer.substring(0, issuer.length() - 1) : issuer;
    }
}
