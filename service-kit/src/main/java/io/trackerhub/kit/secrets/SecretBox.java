package io.trackerhub.kit.secrets;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

/**
 * Encrypts stored credentials (Tracker tokens, external passwords) with AES-256-GCM under a key derived from
 * {@code HUB_CRYPTO_KEY}. A sealed value reads {@code v1.<base64url(key id | nonce | ciphertext+tag)>}.
 * The caller names what the secret belongs to ({@code "integration/42/tracker-token"}): that context is bound
 * in as associated data, so a ciphertext copied to another row does not open. Old keys listed in
 * {@code HUB_CRYPTO_PREVIOUS_KEYS} still open what they sealed, so the key can be rotated.
 */
@ApplicationScoped
public class SecretBox {

    private static final String PREFIX = "v1.";
    private static final int KEY_ID_BYTES = 4;
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final SecureRandom RANDOM = new SecureRandom();

    private record Key(byte[] id, SecretKeySpec spec) {
    }

    private final Key current;
    private final List<Key> all;

    @Inject
    public SecretBox(@ConfigProperty(name = "hub.crypto-key") Optional<String> cryptoKey,
                     @ConfigProperty(name = "hub.crypto-previous-keys") Optional<List<String>> previousKeys) {
        this(cryptoKey.orElse(null), previousKeys.orElse(List.of()));
    }

    public SecretBox(String cryptoKey, List<String> previousKeys) {
        this.current = cryptoKey == null || cryptoKey.isBlank() ? null : derive(cryptoKey);
        List<Key> keys = new ArrayList<>();
        if (current != null) {
            keys.add(current);
        }
        previousKeys.stream().filter(k -> !k.isBlank()).map(SecretBox::derive).forEach(keys::add);
        this.all = List.copyOf(keys);
    }

    /** Encrypts {@code plaintext}, bound to {@code context}. */
    public String seal(String plaintext, String context) {
        Key key = requireKey();
        byte[] nonce = new byte[NONCE_BYTES];
        RANDOM.nextBytes(nonce);
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, key.spec(), new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(context.getBytes(StandardCharsets.UTF_8));
            byte[] sealed = cipher.doFinal(plaintext.getBytes(StandardCharsets.UTF_8));
            ByteBuffer out = ByteBuffer.allocate(KEY_ID_BYTES + NONCE_BYTES + sealed.length).put(key.id()).put(nonce).put(sealed);
            return PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(out.array());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is not available in this JVM", e);
        }
    }

    /** Decrypts a value made by {@link #seal}; fails if it was sealed for another context or under an unknown key. */
    public String open(String sealed, String context) {
        byte[] bytes = decode(sealed);
        byte[] keyId = Arrays.copyOfRange(bytes, 0, KEY_ID_BYTES);
        Key key = all.stream().filter(k -> Arrays.equals(k.id(), keyId)).findFirst()
                .orElseThrow(() -> new SecretBoxException("the secret was sealed under key " + hex(keyId) + ", which is neither HUB_CRYPTO_KEY"
                        + (current == null ? "" : " (key " + hex(current.id()) + ")") + " nor in HUB_CRYPTO_PREVIOUS_KEYS"));
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key.spec(), new GCMParameterSpec(TAG_BITS, bytes, KEY_ID_BYTES, NONCE_BYTES));
            cipher.updateAAD(context.getBytes(StandardCharsets.UTF_8));
            byte[] plain = cipher.doFinal(bytes, KEY_ID_BYTES + NONCE_BYTES, bytes.length - KEY_ID_BYTES - NONCE_BYTES);
            return new String(plain, StandardCharsets.UTF_8);
        } catch (AEADBadTagException e) {
            throw new SecretBoxException("the secret does not open: it was altered or sealed for another record than '" + context + "'");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is not available in this JVM", e);
        }
    }

    /** True when {@code sealed} was made under an old key and should be sealed again under the current one. */
    public boolean sealedUnderOldKey(String sealed) {
        return current == null || !Arrays.equals(current.id(), Arrays.copyOfRange(decode(sealed), 0, KEY_ID_BYTES));
    }

    /** A key's id as it is kept beside the data (the first 4 bytes of a sealed value): says which key sealed it, nothing of the key. */
    private static String hex(byte[] keyId) {
        return java.util.HexFormat.of().formatHex(keyId);
    }

    private static byte[] decode(String sealed) {
        if (sealed == null || !sealed.startsWith(PREFIX)) {
            throw new SecretBoxException("not a sealed secret (it must start with '" + PREFIX + "')");
        }
        try {
            byte[] bytes = Base64.getUrlDecoder().decode(sealed.substring(PREFIX.length()));
            if (bytes.length < KEY_ID_BYTES + NONCE_BYTES + TAG_BITS / 8) {
                throw new SecretBoxException("the sealed secret is too short to be one");
            }
            return bytes;
        } catch (IllegalArgumentException e) {
            throw new SecretBoxException("the sealed secret is not base64url");
        }
    }

    private Key requireKey() {
        if (current == null) {
            throw new SecretBoxException("HUB_CRYPTO_KEY is not set: stored credentials cannot be encrypted");
        }
        return current;
    }

    private static Key derive(String secret) {
        byte[] material = sha256("trackerhub secret box v1\0" + secret);
        byte[] id = Arrays.copyOf(sha256("trackerhub secret box key id\0" + secret), KEY_ID_BYTES);
        return new Key(id, new SecretKeySpec(material, "AES"));
    }

    private static byte[] sha256(String s) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
