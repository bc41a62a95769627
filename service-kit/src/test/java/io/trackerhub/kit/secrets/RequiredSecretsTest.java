package io.trackerhub.kit.secrets;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class RequiredSecretsTest {

    private static List<String> problems(Map<String, String> values, String... required) {
        return RequiredSecrets.problems(List.of(required), name -> Optional.ofNullable(values.get(name)));
    }

    @Test
    void missingSecretNamesTheVariableToSet() {
        assertThat(problems(Map.of(), "hub.admin-token"))
                .singleElement().asString().startsWith("HUB_ADMIN_TOKEN is not set");
    }

    @Test
    void shortSecretIsRefusedWithoutEchoingIt() {
        assertThat(problems(Map.of("hub.crypto-key", "short-but-secret"), "hub.crypto-key"))
                .singleElement().asString()
                .isEqualTo("HUB_CRYPTO_KEY has 16 characters; it needs at least 32")
                .doesNotContain("short-but-secret");
    }

    @Test
    void publishedDefaultIsRefusedEvenWhenLongEnough() {
        assertThat(problems(Map.of("hub.webhook-key", "dev-webhook-key-not-for-production-00000"), "hub.webhook-key"))
                .singleElement().asString().contains("HUB_WEBHOOK_KEY is a published default");
    }

    @Test
    void goodSecretsPass() {
        assertThat(problems(Map.of("hub.admin-token", "x".repeat(20) + "yz0123456789abcdef"), "hub.admin-token")).isEmpty();
    }

    @Test
    void everyProblemIsReportedAtOnce() {
        assertThat(problems(Map.of("hub.admin-token", " "), "hub.admin-token", "hub.crypto-key", "hub.webhook-key")).hasSize(3);
    }

    @Test
    void devDefaultsOfTheKitAreAllKnownDefaults() throws Exception {
        var props = new java.util.Properties();
        try (var in = getClass().getResourceAsStream("/META-INF/microprofile-config.properties")) {
            props.load(in);
        }
        props.stringPropertyNames().stream().filter(k -> k.matches("%(dev|test)\\.hub\\..*(token|key)"))
                .forEach(k -> assertThat(RequiredSecrets.KNOWN_DEFAULTS).as(k).contains(props.getProperty(k)));
    }
}
