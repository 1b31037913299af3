package io.jdeepaas.runtime.auth;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import java.io.IOException;
import java.net.InetAddress;
import java.util.List;
import java.util.Map;
import no.nav.security.mock.oauth2.MockOAuth2Server;
import no.nav.security.mock.oauth2.OAuth2Config;
import no.nav.security.mock.oauth2.token.DefaultOAuth2TokenCallback;
import no.nav.security.mock.oauth2.token.KeyProvider;
import no.nav.security.mock.oauth2.token.OAuth2TokenProvider;
import okhttp3.FormBody;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;

/**
 * A real OpenID Connect provider for the tests (mock-oauth2-server: discovery, JWKS, token endpoint),
 * on a loopback port, whose signing key can be rotated. Tokens are obtained from its token endpoint
 * with the client-credentials grant, as a machine client would.
 */
final class OidcProvider implements AutoCloseable {

    /** Signs with one current RSA key per provider; {@link #rotate} replaces it with a new key id. */
    static final class RotatingKeys extends KeyProvider {
        private volatile RSAKey current = newKey("key-1");

        @Override
        public JWK signingKey(String issuerId) {
            return current;
        }

        void rotate(String keyId) {
            current = newKey(keyId);
        }

        private static RSAKey newKey(String keyId) {
            try {
                return new RSAKeyGenerator(2048).keyID(keyId).keyUse(KeyUse.SIGNATURE).algorithm(JWSAlgorithm.RS256)
                        .generate();
            } catch (com.nimbusds.jose.JOSEException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    private final MockOAuth2Server server;
    private final RotatingKeys keys = new RotatingKeys();
    private final OkHttpClient http = new OkHttpClient.Builder().readTimeout(java.time.Duration.ofSeconds(60)).build();

    OidcProvider() {
        server = new MockOAuth2Server(new OAuth2Config(false, null, null, false, new OAuth2TokenProvider(keys)));
        server.start(InetAddress.getLoopbackAddress(), 0);
    }

    /** @return the issuer URL of the provider's tenant {@code id}, as its tokens' {@code iss} writes it */
    String issuer(String id) {
        return server.issuerUrl(id).toString();
    }

    RotatingKeys keys() {
        return keys;
    }

    /**
     * Asks the token endpoint of tenant {@code issuerId} for an access token, after telling the provider
     * what the next token carries.
     */
    String token(String issuerId, String client, List<String> audience, Map<String, Object> claims) {
        server.enqueueCallback(new DefaultOAuth2TokenCallback(issuerId, client, "JWT", audience, claims, 3600));
        Request request = new Request.Builder().url(server.tokenEndpointUrl(issuerId))
                .post(new FormBody.Builder().add("grant_type", "client_credentials").add("client_id", client)
                        .add("client_secret", "secret").add("scope", "openid").build())
                .build();
        try (Response response = http.newCall(request).execute()) {
            String body = response.body().string();
            if (response.code() != 200) {
                throw new IllegalStateException("token endpoint answered " + response.code() + ": " + body);
            }
            return new com.fasterxml.jackson.databind.ObjectMapper().readTree(body).path("access_token").asText();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Tells the provider what the next token of tenant {@code issuerId} carries, whichever flow asks for
     * it (e.g. a browser's authorization code flow).
     */
    void nextToken(String issuerId, String subject, List<String> audience, Map<String, Object> claims) {
        server.enqueueCallback(new DefaultOAuth2TokenCallback(issuerId, subject, "JWT", audience, claims, 3600));
    }

    /** @return the public key set the provider publishes for tenant {@code id} */
    String jwks(String id) throws IOException {
        try (Response response = http.newCall(new Request.Builder().url(server.jwksUrl(id)).build()).execute()) {
            return response.body().string();
        }
    }

    @Override
    public void close() {
        server.shutdown();
    }
}
