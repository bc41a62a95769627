package io.trackerhub.kit.webhooks;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.Optional;

/**
 * Tracker cannot sign its web hooks, so each integration gets an unguessable URL instead:
 * {@code /webhooks/tracker/{integrationId}/{sig}} with {@code sig = base64url-without-padding(HMAC-SHA256(
 * key = UTF-8 of HUB_WEBHOOK_KEY, message = UTF-8 of the decimal integration id))}. The poller makes URLs with
 * {@link #sign}, the ingest service checks them with {@link #verify} in constant time and without a database.
 */
@ApplicationScoped
public class WebhookSignature {

    private static final String PATH_PREFIX = "/webhooks/tracker/";

    private final SecretKeySpec key;
    private final ThreadLocal<Mac> macs = ThreadLocal.withInitial(this::newMac);

    @Inject
    public WebhookSignature(@ConfigProperty(name = "hub.webhook-key") Optional<String> webhookKey) {
        this(webhookKey.orElse(null));
    }

    public WebhookSignature(String webhookKey) {
        this.key = webhookKey == null || webhookKey.isEmpty() ? null
                : new SecretKeySpec(webhookKey.getBytes(StandardCharsets.UTF_8), "HmacSHA256");
    }

    public String sign(long integrationId) {
        if (integrationId <= 0) {
            throw new IllegalArgumentException("integration ids are positive, got " + integrationId);
        }
        return Base64.getUrlEncoder().withoutPadding().encodeToString(mac(Long.toString(integrationId)));
    }

    /** The path Tracker posts to for this integration, e.g. {@code /webhooks/tracker/7/Xk…}. */
    public String path(long integrationId) {
        return PATH_PREFIX + integrationId + "/" + sign(integrationId);
    }

    /**
     * True when {@code integrationId} is a positive decimal id in canonical form and {@code sig} is its signature.
     * The signature comparison takes the same time wherever the first wrong byte is.
     */
    public boolean verify(String integrationId, String sig) {
        if (key == null || sig == null || !canonicalId(integrationId)) {
            return false;
        }
        byte[] expected = Base64.getUrlEncoder().withoutPadding().encode(mac(integrationId));
        return MessageDigest.isEqual(expected, sig.getBytes(StandardCharsets.US_ASCII));
    }

    /** A positive long in decimal without a leading zero: one spelling per id, so one URL per integration. */
    private static boolean canonicalId(String id) {
        if (id == null || id.isEmpty() || id.length() > 19 || id.charAt(0) == '0') {
            return false;
        }
        for (int i = 0; i < id.length(); i++) {
            if (id.charAt(i) < '0' || id.charAt(i) > '9') {
                return false;
            }
        }
        return id.length() < 19 || id.compareTo(Long.toString(Long.MAX_VALUE)) <= 0;
    }

    private byte[] mac(String message) {
        if (key == null) {
            throw new IllegalStateException("HUB_WEBHOOK_KEY is not set: web hook URLs cannot be made or checked");
        }
        // A Mac per thread: getInstance + init on every web hook showed in the ingest benchmark's profile.
        Mac mac = macs.get();
        return mac.doFinal(message.getBytes(StandardCharsets.UTF_8));
    }

    private Mac newMac() {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            return mac;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available in this JVM", e);
        }
    }
}
