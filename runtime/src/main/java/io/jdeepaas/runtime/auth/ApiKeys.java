package io.jdeepaas.runtime.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;

/**
 * API keys for machines: {@code jdk_} followed by 32 random bytes in base64url. Only a key's SHA-256
 * is stored, so the key itself is shown once, when it is created. A hash suffices (no slow KDF):
 * the key carries 256 bits of randomness, not a password a person chose.
 */
public final class ApiKeys {

    /** The prefix every key starts with, so a key is told from a JWT at a glance. */
    public static final String PREFIX = "jdk_";

    private static final SecureRandom RANDOM = new SecureRandom();

    private ApiKeys() {
    }

    /** @return a new key */
    public static String generate() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** @return whether {@code credential} has the shape of one of our keys */
    public static boolean looksLikeKey(String credential) {
        return credential.startsWith(PREFIX);
    }

    /** @return the hash under which a key is stored and looked up */
    public static String hash(String key) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(key.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
