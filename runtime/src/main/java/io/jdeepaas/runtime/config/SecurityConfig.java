package io.jdeepaas.runtime.config;

import io.jdeepaas.runtime.auth.Access;
import io.jdeepaas.runtime.auth.CallerLimits;
import io.jdeepaas.runtime.auth.Role;
import io.jdeepaas.runtime.auth.RoleMapping;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * Who may call the server. Authentication is on when an OpenID Connect issuer is trusted or API keys
 * are enabled; then a request without credentials holds the {@code anonymous} roles. When it is
 * off, every caller may do everything, which is only allowed on a loopback address unless
 * {@code insecure} is set.
 *
 * @param issuers the trusted OpenID Connect issuers ({@code --oidc-issuer}, repeatable)
 * @param audiences the accepted token audiences ({@code --oidc-audience}); empty accepts any
 * @param roles how token claims become roles ({@code --oidc-roles-claim}, {@code --oidc-role},
 *     {@code --oidc-default-roles})
 * @param apiKeys whether API keys are accepted ({@code --api-keys})
 * @param anonymous the roles of a request without credentials when authentication is on
 *     ({@code --anonymous}, default {@code read})
 * @param metrics what {@code GET /metrics} needs ({@code --metrics-role}, default public)
 * @param insecure whether serving a non-loopback address without authentication is allowed
 * @param corsOrigins the browser origins allowed to call the API from their pages ({@code --cors-origin});
 *     none by default
 * @param tlsCert the PEM certificate chain to serve HTTPS with ({@code --tls-cert}), or {@code null} for HTTP
 * @param tlsKey the PEM private key of that certificate ({@code --tls-key}), or {@code null}
 * @param limits the per-caller rate limits ({@code --rate-limit-predict}, {@code --rate-limit-train})
 * @param uiClientId the OpenID Connect client the Swagger UI signs in as ({@code --oidc-client-id}), with
 *     the authorization code flow and PKCE; {@code null} leaves the UI's client id for the user to type
 */
public record SecurityConfig(List<String> issuers, Set<String> audiences, RoleMapping roles, boolean apiKeys,
                             Set<Role> anonymous, Access metrics, boolean insecure, List<String> corsOrigins,
                             Path tlsCert, Path tlsKey, CallerLimits.Settings limits, String uiClientId) {

    /** As the canonical constructor, without a client id for the Swagger UI. */
    public SecurityConfig(List<String> issuers, Set<String> audiences, RoleMapping roles, boolean apiKeys,
                          Set<Role> anonymous, Access metrics, boolean insecure, List<String> corsOrigins,
                          Path tlsCert, Path tlsKey, CallerLimits.Settings limits) {
        this(issuers, audiences, roles, apiKeys, anonymous, metrics, insecure, corsOrigins, tlsCert, tlsKey, limits,
                null);
    }

    public SecurityConfig {
        issuers = List.copyOf(issuers);
        corsOrigins = List.copyOf(corsOrigins);
        limits = limits == null ? CallerLimits.Settings.NONE : limits;
        if ((tlsCert == null) != (tlsKey == null)) {
            throw new IllegalArgumentException("--tls-cert and --tls-key go together: give both PEM files, or neither");
        }
        audiences = Set.copyOf(audiences);
        uiClientId = uiClientId == null || uiClientId.isBlank() ? null : uiClientId.strip();
        anonymous = anonymous.isEmpty() ? EnumSet.noneOf(Role.class) : EnumSet.copyOf(anonymous);
        for (String issuer : issuers) {
            if (!issuer.startsWith("https://") && !issuer.startsWith("http://")) {
                throw new IllegalArgumentException("--oidc-issuer must be an http(s) URL, got '" + issuer + "'");
            }
        }
    }

    /** @return no authentication: everyone may do everything (on loopback) */
    public static SecurityConfig off() {
        return new SecurityConfig(List.of(), Set.of(), new RoleMapping("", List.of(), Set.of()), false,
                EnumSet.of(Role.READ), Access.PUBLIC, false, List.of(), null, null,
                CallerLimits.Settings.NONE);
    }

    /** @return whether any credential is checked */
    public boolean enabled() {
        return !issuers.isEmpty() || apiKeys;
    }

    /** @return this configuration with another CORS and TLS set-up */
    public SecurityConfig withTransport(List<String> origins, Path cert, Path key) {
        return new SecurityConfig(issuers, audiences, roles, apiKeys, anonymous, metrics, insecure, origins, cert, key,
                limits, uiClientId);
    }

    /** @return this configuration with other rate limits */
    public SecurityConfig withLimits(CallerLimits.Settings newLimits) {
        return new SecurityConfig(issuers, audiences, roles, apiKeys, anonymous, metrics, insecure, corsOrigins, tlsCert,
                tlsKey, newLimits, uiClientId);
    }

    /** @return this configuration with the Swagger UI signing in as another OpenID Connect client */
    public SecurityConfig withUiClientId(String clientId) {
        return new SecurityConfig(issuers, audiences, roles, apiKeys, anonymous, metrics, insecure, corsOrigins, tlsCert,
                tlsKey, limits, clientId);
    }

    /** @return whether the server speaks HTTPS */
    public boolean tls() {
        return tlsCert != null;
    }

    /** @return the roles of a request without credentials: everything when authentication is off */
    public Set<Role> anonymousRoles() {
        return enabled() ? anonymous : EnumSet.allOf(Role.class);
    }
}
