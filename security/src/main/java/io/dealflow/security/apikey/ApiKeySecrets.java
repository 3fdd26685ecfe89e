package io.dealflow.security.apikey;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;

/**
 * Makes key secrets and their stored form. A secret carries 256 random bits, so a plain SHA-256 hash is enough: no
 * salt or slow hash is needed against guessing, and a lookup by hash stays one index probe per request.
 */
public final class ApiKeySecrets {

    /** Every generated key starts with this, so leaked keys are easy to spot by secret scanners. */
    public static final String PREFIX = "dfk_";
    private static final SecureRandom RANDOM = new SecureRandom();

    private ApiKeySecrets() {
    }

    /** A new secret: the prefix and 32 random bytes in URL-safe Base64. */
    public static String generate() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** The stored form of a secret: lower-case hex SHA-256 of its UTF-8 bytes. */
    public static String hash(String secret) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(digest.digest(secret.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
