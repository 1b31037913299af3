package io.jdeepaas.runtime.auth;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import com.nimbusds.jwt.EncryptedJWT;
import com.nimbusds.jwt.JWT;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.JWTParser;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import java.net.http.HttpClient;
import java.text.ParseException;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Checks bearer tokens (JWTs) against the trusted issuers and gives the caller's {@link Identity}.
 * A token that was valid once is remembered until it expires (at most five minutes), so a caller
 * sending the same token again costs a cache lookup, never a signature check or a network call.
 */
public final class TokenValidator {

    private static final Duration MAX_REMEMBERED = Duration.ofMinutes(5);

    private final Map<String, OidcIssuer> issuers = new LinkedHashMap<>();
    private final RoleMapping roles;
    private final Cache<String, Checked> checked;

    private record Checked(Identity identity, Instant expires) {
    }

    public TokenValidator(OidcSettings settings) {
        if (!settings.issuers().isEmpty()) {
            // made only when a provider is trusted: the HTTP client's TLS set-up costs start-up time
            HttpClient http = HttpClient.newBuilder().connectTimeout(settings.timeout())
                    .followRedirects(HttpClient.Redirect.NORMAL).build();
            settings.issuers().forEach(url -> issuers.put(url, new OidcIssuer(url, settings, http)));
        }
        this.roles = settings.roles();
        this.checked = Caffeine.newBuilder().maximumSize(10_000).expireAfter(new Expiry<String, Checked>() {
            @Override
            public long expireAfterCreate(String key, Checked value, long currentTime) {
                Duration left = Duration.between(Instant.now(), value.expires());
                return Math.max(0, Math.min(left.toNanos(), MAX_REMEMBERED.toNanos()));
            }

            @Override
            public long expireAfterUpdate(String key, Checked value, long currentTime, long currentDuration) {
                return currentDuration;
            }

            @Override
            public long expireAfterRead(String key, Checked value, long currentTime, long currentDuration) {
                return currentDuration;
            }
        }).build();
    }

    /** @return whether any issuer is trusted */
    public boolean enabled() {
        return !issuers.isEmpty();
    }

    /**
     * @param token the bearer token, as sent
     * @return who sent it
     * @throws AuthenticationException when it is not a valid token of a trusted issuer
     * @throws ProviderUnavailableException when its issuer's keys cannot be fetched
     */
    public Identity validate(String token) {
        Checked known = checked.getIfPresent(token);
        if (known != null && known.expires().isAfter(Instant.now())) {
            return known.identity();
        }
        SignedJWT signed = parse(token);
        String issuer = issuerOf(signed);
        OidcIssuer trusted = issuers.get(issuer);
        if (trusted == null) {
            throw new AuthenticationException("tokens of issuer '" + issuer + "' are not accepted here");
        }
        JWTClaimsSet claims = trusted.validate(signed);
        Identity identity = new Identity(Identity.Kind.TOKEN, claims.getSubject(), issuer,
                roles.roles(claims.getClaims()));
        checked.put(token, new Checked(identity, claims.getExpirationTime().toInstant()));
        return identity;
    }

    private static SignedJWT parse(String token) {
        JWT jwt;
        try {
            jwt = JWTParser.parse(token);
        } catch (ParseException e) {
            throw new AuthenticationException("the bearer token is not a JWT");
        }
        if (jwt instanceof PlainJWT) {
            throw new AuthenticationException("unsigned tokens (alg none) are not accepted");
        }
        if (jwt instanceof EncryptedJWT) {
            throw new AuthenticationException("encrypted tokens are not accepted; send a signed access token");
        }
        return (SignedJWT) jwt;
    }

    private static String issuerOf(SignedJWT token) {
        try {
            String issuer = token.getJWTClaimsSet().getIssuer();
            if (issuer == null || issuer.isEmpty()) {
                throw new AuthenticationException("the token names no issuer (iss)");
            }
            return issuer;
        } catch (ParseException e) {
            throw new AuthenticationException("the token's claims are not a JSON object");
        }
    }
}
