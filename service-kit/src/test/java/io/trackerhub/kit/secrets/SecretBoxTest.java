package io.trackerhub.kit.secrets;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SecretBoxTest {

    private static final String KEY = "k3y-for-tests-only-0123456789abcdefghijkl";
    private final SecretBox box = new SecretBox(KEY, List.of());

    @Test
    void sealedSecretOpensForTheSameRecordAndNeverShowsThePlaintext() {
        String sealed = box.seal("tracker-token-abc123", "integration/42/tracker-token");

        assertThat(sealed).startsWith("v1.").doesNotContain("tracker-token-abc123");
        assertThat(box.open(sealed, "integration/42/tracker-token")).isEqualTo("tracker-token-abc123");
    }

    @Test
    void sealingTwiceGivesDifferentCiphertexts() {
        assertThat(box.seal("same", "ctx")).isNotEqualTo(box.seal("same", "ctx"));
    }

    @Test
    void secretCopiedToAnotherRecordDoesNotOpen() {
        String sealed = box.seal("tracker-token-abc123", "integration/42/tracker-token");

        assertThatThrownBy(() -> box.open(sealed, "integration/43/tracker-token"))
                .isInstanceOf(SecretBoxException.class)
                .hasMessageContaining("altered or sealed for another record")
                .hasMessageNotContaining("tracker-token-abc123");
    }

    @Test
    void alteredCiphertextDoesNotOpen() {
        String sealed = box.seal("p4ssw0rd", "connector/7/password");
        char last = sealed.charAt(sealed.length() - 5);
        String altered = sealed.substring(0, sealed.length() - 5) + (last == 'A' ? 'B' : 'A') + sealed.substring(sealed.length() - 4);

        assertThatThrownBy(() -> box.open(altered, "connector/7/password")).isInstanceOf(SecretBoxException.class);
    }

    @Test
    void previousKeyStillOpensWhatItSealedAfterRotation() {
        String sealedUnderOld = box.seal("p4ssw0rd", "connector/7/password");
        SecretBox rotated = new SecretBox("a-brand-new-key-for-tests-0123456789abcd", List.of(KEY));

        assertThat(rotated.open(sealedUnderOld, "connector/7/password")).isEqualTo("p4ssw0rd");
        assertThat(rotated.sealedUnderOldKey(sealedUnderOld)).isTrue();
        assertThat(rotated.sealedUnderOldKey(rotated.seal("x", "c"))).isFalse();
    }

    @Test
    void unknownKeyIsNamedInTheError() {
        String sealed = new SecretBox("some-other-key-0123456789abcdefghijklmn", List.of()).seal("x", "c");

        assertThatThrownBy(() -> box.open(sealed, "c")).hasMessageContaining("HUB_CRYPTO_PREVIOUS_KEYS");
    }

    @Test
    void withoutAKeyNothingIsSealedAndTheVariableIsNamed() {
        SecretBox none = new SecretBox((String) null, List.of());

        assertThatThrownBy(() -> none.seal("x", "c")).isInstanceOf(SecretBoxException.class).hasMessageContaining("HUB_CRYPTO_KEY is not set");
    }

    @Test
    void garbageIsRejectedWithAClearMessage() {
        assertThatThrownBy(() -> box.open("plaintext-token", "c")).hasMessageContaining("not a sealed secret");
        assertThatThrownBy(() -> box.open("v1.!!!", "c")).hasMessageContaining("not base64url");
        assertThatThrownBy(() -> box.open("v1.AAAA", "c")).hasMessageContaining("too short");
    }
}
