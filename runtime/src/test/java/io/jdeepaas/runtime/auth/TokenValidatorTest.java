package io.jdeepaas.runtime.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.JWTParser;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class TokenValidatorTest {

    private static final List<String> AUDIENCE = List.of("jdeepaas");
    private static final RoleMapping ROLES = new RoleMapping("groups",
            List.of(RoleMapping.Rule.parse("ml-admins=admin"), RoleMapping.Rule.parse("urn:vo:ai4eosc:*=train")),
            EnumSet.of(Role.READ, Role.PREDICT));

    private final OidcProvider provider = new OidcProvider();

    @AfterEach
    void stop() {
        provider.close();
    }

    private TokenValidator validator(String... issuers) {
        return new TokenValidator(OidcSettings.of(List.of(issuers), Set.copyOf(AUDIENCE), ROLES)
                .withMinKeysRefresh(Duration.ofMillis(1)));
    }

    @Test
    void aTokenFromTheTrustedProvidersTokenEndpointGivesItsSubjectAndMappedRoles() {
        TokenValidator validator = validator(provider.issuer("platform"));
        String token = provider.token("platform", "ci-bot", AUDIENCE,
                Map.of("groups", List.of("ml-admins", "urn:vo:ai4eosc:members")));

        Identity identity = validator.validate(token);

        assertThat(identity.kind()).isEqualTo(Identity.Kind.TOKEN);
        assertThat(identity.subject()).isEqualTo("ci-bot");
        assertThat(identity.issuer()).isEqualTo(provider.issuer("platform"));
        assertThat(identity.roles()).containsExactlyInAnyOrder(Role.READ, Role.PREDICT, Role.TRAIN, Role.ADMIN);
        assertThat(identity.owner()).isEqualTo(provider.issuer("platform") + "#ci-bot");
    }

    @Test
    void aTokenWithoutMappedGroupsGetsOnlyTheDefaultRoles() {
        TokenValidator validator = validator(provider.issuer("platform"));
        Identity identity = validator.validate(provider.token("platform", "alice", AUDIENCE, Map.of()));
        assertThat(identity.roles()).containsExactlyInAnyOrder(Role.READ, Role.PREDICT);
        assertThat(identity.may(Role.TRAIN)).isFalse();
    }

    @Test
    void aTokenFromASecondTrustedIssuerIsAccepted() {
        TokenValidator validator = validator(provider.issuer("platform"), provider.issuer("partner"));
        assertThat(validator.validate(provider.token("partner", "bob", AUDIENCE, Map.of())).issuer())
                .isEqualTo(provider.issuer("partner"));
    }

    @Test
    void aTokenOfAnUntrustedIssuerIsRefused() {
        TokenValidator validator = validator(provider.issuer("platform"));
        String token = provider.token("elsewhere", "mallory", AUDIENCE, Map.of());
        assertThatThrownBy(() -> validator.validate(token)).isInstanceOf(AuthenticationException.class)
                .hasMessageContaining("are not accepted here");
    }

    @Test
    void aTokenForAnotherAudienceIsRefused() {
        TokenValidator validator = validator(provider.issuer("platform"));
        String token = provider.token("platform", "alice", List.of("another-service"), Map.of());
        assertThatThrownBy(() -> validator.validate(token)).isInstanceOf(AuthenticationException.class)
                .hasMessage("the token is not meant for this server (aud)");
    }

    @Test
    void anExpiredTokenIsRefusedBeyondTheClockSkew() {
        TokenValidator validator = validator(provider.issuer("platform"));
        long past = Instant.now().minusSeconds(600).getEpochSecond();
        String token = provider.token("platform", "alice", AUDIENCE, Map.of("exp", past, "iat", past - 60,
                "nbf", past - 60));
        assertThatThrownBy(() -> validator.validate(token)).isInstanceOf(AuthenticationException.class)
                .hasMessage("the token has expired");
    }

    @Test
    void aTokenNotValidYetIsRefused() {
        TokenValidator validator = validator(provider.issuer("platform"));
        long future = Instant.now().plusSeconds(600).getEpochSecond();
        String token = provider.token("platform", "alice", AUDIENCE, Map.of("nbf", future, "exp", future + 3600));
        assertThatThrownBy(() -> validator.validate(token)).isInstanceOf(AuthenticationException.class)
                .hasMessage("the token is not valid yet (nbf)");
    }

    @Test
    void anUnsignedTokenIsRefused() throws Exception {
        TokenValidator validator = validator(provider.issuer("platform"));
        JWTClaimsSet claims = JWTParser.parse(provider.token("platform", "alice", AUDIENCE, Map.of()))
                .getJWTClaimsSet();
        String unsigned = new PlainJWT(claims).serialize();
        assertThatThrownBy(() -> validator.validate(unsigned)).isInstanceOf(AuthenticationException.class)
                .hasMessage("unsigned tokens (alg none) are not accepted");
    }

    @Test
    void aTokenSignedWithHmacUsingTheProvidersPublicKeyIsRefused() throws Exception {
        TokenValidator validator = validator(provider.issuer("platform"));
        JWTClaimsSet claims = JWTParser.parse(provider.token("platform", "alice", AUDIENCE, Map.of()))
                .getJWTClaimsSet();
        RSAKey published = (RSAKey) JWKSet.parse(provider.jwks("platform")).getKeys().get(0);
        SignedJWT forged = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.HS256).keyID(published.getKeyID()).build(),
                new JWTClaimsSet.Builder(claims).claim("groups", List.of("ml-admins")).build());
        forged.sign(new MACSigner(published.toRSAPublicKey().getEncoded()));
        assertThatThrownBy(() -> validator.validate(forged.serialize())).isInstanceOf(AuthenticationException.class)
                .hasMessageContaining("signature cannot be verified");
    }

    @Test
    void aTokenSignedByAKeyRotatedInAtTheProviderIsAcceptedAfterOneRefresh() {
        TokenValidator validator = validator(provider.issuer("platform"));
        assertThat(validator.validate(provider.token("platform", "alice", AUDIENCE, Map.of())).subject())
                .isEqualTo("alice");

        provider.keys().rotate("key-2");
        String signedByNewKey = provider.token("platform", "bob", AUDIENCE, Map.of());

        assertThat(validator.validate(signedByNewKey).subject()).isEqualTo("bob");
    }

    @Test
    void aValidatedTokenIsRememberedSoNoProviderIsAskedAgain() {
        TokenValidator validator = validator(provider.issuer("platform"));
        String token = provider.token("platform", "alice", AUDIENCE, Map.of());
        String second = provider.token("platform", "carol", AUDIENCE, Map.of());
        validator.validate(token);

        provider.close();

        assertThat(validator.validate(token).subject()).isEqualTo("alice");
        assertThat(validator.validate(second).subject()).isEqualTo("carol");
    }

    @Test
    void aTokenThatIsNotAJwtIsRefusedWithoutNamingIt() {
        TokenValidator validator = validator(provider.issuer("platform"));
        assertThatThrownBy(() -> validator.validate("secret-opaque-value")).isInstanceOf(AuthenticationException.class)
                .hasMessage("the bearer token is not a JWT");
    }

    @Test
    void anUnreachableProviderIsAProviderProblemNotTheCallers() throws Exception {
        String issuer = provider.issuer("platform");
        String token = provider.token("platform", "alice", AUDIENCE, Map.of());
        provider.close();
        TokenValidator validator = validator(issuer);
        assertThatThrownBy(() -> validator.validate(token)).isInstanceOf(ProviderUnavailableException.class);
    }
}
