package io.trackerhub.kit.webhooks;

import org.junit.jupiter.api.Test;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class WebhookSignatureTest {

    private static final String KEY = "webhook-key-for-tests-0123456789abcdef";
    private final WebhookSignature signature = new WebhookSignature(KEY);

    @Test
    void signatureIsTheArchitecturesHmacOfTheDecimalId() throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(KEY.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        String expected = Base64.getUrlEncoder().withoutPadding().encodeToString(mac.doFinal("42".getBytes(StandardCharsets.UTF_8)));

        assertThat(signature.sign(42)).isEqualTo(expected).doesNotContain("=", "+", "/");
        assertThat(signature.path(42)).isEqualTo("/webhooks/tracker/42/" + expected);
    }

    @Test
    void onlyTheRightSignatureForTheCanonicalIdVerifies() {
        String sig = signature.sign(42);

        assertThat(signature.verify("42", sig)).isTrue();
        assertThat(signature.verify("43", sig)).isFalse();
        assertThat(signature.verify("042", sig)).as("leading zero is another id").isFalse();
        assertThat(signature.verify("42", sig.substring(1))).isFalse();
        assertThat(signature.verify("42", sig + "A")).isFalse();
        assertThat(signature.verify("42", "")).isFalse();
        assertThat(signature.verify("0", sig)).isFalse();
        assertThat(signature.verify("-42", sig)).isFalse();
        assertThat(signature.verify("99999999999999999999", sig)).isFalse();
        assertThat(signature.verify("9223372036854775808", signature.sign(Long.MAX_VALUE))).as("past Long.MAX_VALUE").isFalse();
        assertThat(signature.verify(Long.toString(Long.MAX_VALUE), signature.sign(Long.MAX_VALUE))).isTrue();
        assertThat(new WebhookSignature("another-key-0123456789abcdefghijklmnop").verify("42", sig)).isFalse();
    }

    @Test
    void withoutAKeyNothingVerifiesAndSigningNamesTheVariable() {
        WebhookSignature none = new WebhookSignature((String) null);
        assertThat(none.verify("42", signature.sign(42))).isFalse();
        assertThatThrownBy(() -> none.sign(42)).hasMessageContaining("HUB_WEBHOOK_KEY");
        assertThatThrownBy(() -> signature.sign(0)).hasMessageContaining("positive");
    }
}
