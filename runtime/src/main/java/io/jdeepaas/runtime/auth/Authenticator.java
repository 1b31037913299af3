package io.jdeepaas.runtime.auth;

import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Finds the caller of a request from its credentials: {@code Authorization: Bearer <JWT>} (checked by
 * the {@link TokenValidator}), {@code Authorization: Bearer <API key>} or {@code X-API-Key: <key>}
 * (looked up in the {@link JdbcApiKeys}); a request without credentials is anonymous, with the roles
 * anonymous access is given. Credentials that are sent but not valid are refused, never taken as
 * anonymous.
 */
public final class Authenticator {

    private final TokenValidator tokens;
    private final Optional<JdbcApiKeys> keys;
    private final Set<Role> anonymous;

    /**
     * @param tokens the token validator (may trust no issuer)
     * @param keys the API keys, when they are enabled
     * @param anonymous the roles of a request without credentials
     */
    public Authenticator(TokenValidator tokens, Optional<JdbcApiKeys> keys, Set<Role> anonymous) {
        this.tokens = tokens;
        this.keys = keys;
        this.anonymous = Set.copyOf(anonymous);
    }

    /** @return whether any way to authenticate is configured */
    public boolean enabled() {
        return tokens.enabled() || keys.isPresent();
    }

    /**
     * @param authorization the {@code Authorization} header, or {@code null}
     * @param apiKey the {@code X-API-Key} header, or {@code null}
     * @return the caller
     * @throws AuthenticationException when credentials are sent but not valid
     */
    public Identity identify(String authorization, String apiKey) {
        if (apiKey != null && !apiKey.isBlank()) {
            return key(apiKey.strip());
        }
        if (authorization == null || authorization.isBlank()) {
            return Identity.anonymous(anonymous);
        }
        String value = authorization.strip();
        if (!value.toLowerCase(Locale.ROOT).startsWith("bearer ")) {
            throw new AuthenticationException("send credentials as 'Authorization: Bearer <token or API key>'");
        }
        String credential = value.substring("bearer ".length()).strip();
        if (ApiKeys.looksLikeKey(credential)) {
            return key(credential);
        }
        if (!tokens.enabled()) {
            throw new AuthenticationException("this server accepts no bearer tokens; send an API key");
        }
        return tokens.validate(credential);
    }

    private Identity key(String key) {
        if (keys.isEmpty()) {
            throw new AuthenticationException("this server accepts no API keys");
        }
        return keys.get().identify(key).orElseThrow(() ->
                new AuthenticationException("the API key is not known (revoked, or mistyped)"));
    }
}
