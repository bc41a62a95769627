package io.trackerhub.kit.secrets;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;

/**
 * Random bearer secrets (API tokens, session ids), shown once and stored only as their SHA-256: a digest is enough
 * for 256 random bits (nothing to guess from a dictionary, so no slow hash) and it can be looked up by equality.
 */
public final class BearerSecrets {

    private static final SecureRandom RANDOM = new SecureRandom();

    private BearerSecrets() {
    }

    /** {@code prefix} and 32 random bytes in base64url (a recognisable prefix lets secret scanners find leaked ones). */
    public static String random(String prefix) {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return prefix + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** {@code bytes} random bytes as lower-case hex (e.g. 20: the 40 hex digits of a Tracker API token). */
    public static String randomHex(int bytes) {
        byte[] secret = new byte[bytes];
        RANDOM.nextBytes(secret);
        return HexFormat.of().formatHex(secret);
    }

    /** The SHA-256 of {@code text} (UTF-8) in hex: what is stored of a secret, or the fingerprint of a content. */
    public static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available in this JVM", e);
        }
    }
}
