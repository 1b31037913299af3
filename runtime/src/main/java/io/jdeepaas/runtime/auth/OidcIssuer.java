package io.jdeepaas.runtime.auth;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.proc.DefaultJOSEObjectTypeVerifier;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jose.util.DefaultResourceRetriever;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import java.io.IOException;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.HashSet;
import java.util.Set;

/**
 * One trusted OpenID Connect provider: its discovery document is read on first use, and its key set
 * is fetched, cached for {@link OidcSettings#keysTtl()} and fetched again when a token names a key it
 * does not hold (a rotation), at most once per {@link OidcSettings#minKeysRefresh()}.
 *
 * <p>Only asymmetric signatures are accepted (RSA, RSA-PSS, EC): never {@code none}, never HMAC,
 * so a provider's public key can never be used as a shared secret.
 */
final class OidcIssuer {

    /** The signature algorithms a token may use. */
    static final Set<JWSAlgorithm> ALGORITHMS = Set.of(JWSAlgorithm.RS256, JWSAlgorithm.RS384, JWSAlgorithm.RS512,
            JWSAlgorithm.PS256, JWSAlgorithm.PS384, JWSAlgorithm.PS512, JWSAlgorithm.ES256, JWSAlgorithm.ES384,
            JWSAlgorithm.ES512);

    private static final ObjectMapper JSON = new ObjectMapper();

    private final String issuer;
    private final OidcSettings settings;
    private final HttpClient http;
    private volatile DefaultJWTProcessor<SecurityContext> processor;
    private long lastDiscoveryFailure;

    OidcIssuer(String issuer, OidcSettings settings, HttpClient http) {
        this.issuer = issuer;
        this.settings = settings;
        this.http = http;
    }

    String issuer() {
        return issuer;
    }

    /**
     * @param token a signed token whose {@code iss} is this issuer
     * @return its claims, once signature, issuer, audience and validity period are checked
     * @throws AuthenticationException when the token is not valid
     */
    JWTClaimsSet validate(SignedJWT token) {
        try {
            return processor().process(token, null);
        } catch (com.nimbusds.jose.KeySourceException e) {
            throw new ProviderUnavailableException("the keys of issuer " + issuer + " cannot be fetched: "
                    + e.getMessage(), e);
        } catch (com.nimbusds.jwt.proc.BadJWTException e) {
            throw new AuthenticationException(claimProblem(e.getMessage()));
        } catch (com.nimbusds.jose.proc.BadJOSEException e) {
            throw new AuthenticationException("the token's signature cannot be verified with the keys of " + issuer);
        } catch (com.nimbusds.jose.JOSEException e) {
            throw new AuthenticationException("the token's signature cannot be checked: " + e.getMessage());
        }
    }

    private static String claimProblem(String message) {
        String text = String.valueOf(message);
        if (text.contains("Expired")) {
            return "the token has expired";
        }
        if (text.contains("before use time")) {
            return "the token is not valid yet (nbf)";
        }
        if (text.contains("audience") || text.contains("aud claim")) {
            return "the token is not meant for this server (aud)";
        }
        return "the token's claims are not accepted: " + text;
    }

    private DefaultJWTProcessor<SecurityContext> processor() {
        DefaultJWTProcessor<SecurityContext> ready = processor;
        if (ready != null) {
            return ready;
        }
        synchronized (this) {
            if (processor == null) {
                long now = System.nanoTime();
                if (lastDiscoveryFailure != 0 && now - lastDiscoveryFailure < settings.minKeysRefresh().toNanos()) {
                    throw new ProviderUnavailableException("issuer " + issuer + " could not be reached a moment ago; "
                            + "try again shortly", null);
                }
                try {
                    processor = build(discoverKeys());
                } catch (ProviderUnavailableException e) {
                    lastDiscoveryFailure = now;
                    throw e;
                }
            }
            return processor;
        }
    }

    private DefaultJWTProcessor<SecurityContext> build(URL keys) {
        int timeout = (int) settings.timeout().toMillis();
        JWKSource<SecurityContext> source = JWKSourceBuilder.<SecurityContext>create(keys,
                        new DefaultResourceRetriever(timeout, timeout, 1 << 20))
                .cache(settings.keysTtl().toMillis(), settings.timeout().toMillis())
                .rateLimited(settings.minKeysRefresh().toMillis())
                .refreshAheadCache(false)
                .retrying(false)
                .build();
        DefaultJWTProcessor<SecurityContext> built = new DefaultJWTProcessor<>();
        built.setJWSTypeVerifier(new DefaultJOSEObjectTypeVerifier<>(JOSEObjectType.JWT,
                new JOSEObjectType("at+jwt"), null));
        built.setJWSKeySelector(new JWSVerificationKeySelector<>(ALGORITHMS, source));
        DefaultJWTClaimsVerifier<SecurityContext> claims = new DefaultJWTClaimsVerifier<>(
                settings.audiences().isEmpty() ? null : new HashSet<>(settings.audiences()),
                new JWTClaimsSet.Builder().issuer(issuer).build(), Set.of("sub", "exp", "iss"), null);
        claims.setMaxClockSkew((int) settings.clockSkew().toSeconds());
        built.setJWTClaimsSetVerifier(claims);
        return built;
    }

    private URL discoverKeys() {
        URI discovery = URI.create(issuer.replaceAll("/+$", "") + "/.well-known/openid-configuration");
        try {
            HttpResponse<String> answer = http.send(HttpRequest.newBuilder(discovery).timeout(settings.timeout())
                    .header("Accept", "application/json").GET().build(), HttpResponse.BodyHandlers.ofString());
            if (answer.statusCode() != 200) {
                throw new ProviderUnavailableException("the discovery document of issuer " + issuer + " answered "
                        + answer.statusCode(), null);
            }
            JsonNode document = JSON.readTree(answer.body());
            if (!issuer.equals(document.path("issuer").asText())) {
                throw new ProviderUnavailableException("the discovery document at " + discovery + " names issuer '"
                        + document.path("issuer").asText() + "', not " + issuer, null);
            }
            String keys = document.path("jwks_uri").asText("");
            if (keys.isEmpty()) {
                throw new ProviderUnavailableException("the discovery document of issuer " + issuer
                        + " has no jwks_uri", null);
            }
            return URI.create(keys).toURL();
        } catch (IOException e) {
            throw new ProviderUnavailableException("the discovery document of issuer " + issuer
                    + " cannot be read: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ProviderUnavailableException("interrupted while reading the discovery document of " + issuer, e);
        }
    }
}
