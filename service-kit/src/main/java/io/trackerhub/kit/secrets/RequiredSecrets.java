package io.trackerhub.kit.secrets;

import io.quarkus.runtime.LaunchMode;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.interceptor.Interceptor;
import org.eclipse.microprofile.config.Config;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * In production (a packaged jar, the prod profile) a service refuses to start when a secret it needs is
 * missing, shorter than 32 characters or a value published somewhere (our dev defaults, "changeme", ...),
 * and names the variable to set. A service lists what it needs in {@code hub.secrets.required}
 * (property names such as {@code hub.admin-token}; the variable is the property in upper snake case).
 */
@ApplicationScoped
public class RequiredSecrets {

    public static final int MINIMUM_LENGTH = 32;

    /** Values nobody may use in production: the dev/test defaults of this repository and the usual placeholders. */
    static final Set<String> KNOWN_DEFAULTS = Set.of(
            "dev-admin-token-not-for-production-0000",
            "dev-crypto-key-not-for-production-000000",
            "dev-webhook-key-not-for-production-00000",
            "dev-timesheet-password-not-for-production",
            "changeme", "change-me", "secret", "password", "admin", "token", "default");

    void check(@Observes @Priority(Interceptor.Priority.PLATFORM_BEFORE) StartupEvent event, Config config) {
        if (LaunchMode.current() != LaunchMode.NORMAL) {
            return;
        }
        List<String> required = config.getOptionalValues("hub.secrets.required", String.class).orElse(List.of());
        List<String> problems = problems(required, name -> config.getOptionalValue(name, String.class));
        if (!problems.isEmpty()) {
            throw new IllegalStateException(io.trackerhub.kit.startup.StartFailures.REFUSING + String.join("; ", problems));
        }
    }

    /** What is wrong with each required secret, one sentence each; empty when all are fine. Never echoes a value. */
    public static List<String> problems(List<String> propertyNames, java.util.function.Function<String, Optional<String>> lookup) {
        List<String> problems = new ArrayList<>();
        for (String property : propertyNames) {
            String variable = variableOf(property);
            Optional<String> value = lookup.apply(property).map(String::trim).filter(v -> !v.isEmpty());
            if (value.isEmpty()) {
                problems.add(variable + " is not set; set it to a random string of at least " + MINIMUM_LENGTH + " characters (e.g. openssl rand -base64 36)");
            } else if (KNOWN_DEFAULTS.contains(value.get().toLowerCase(Locale.ROOT))) {
                problems.add(variable + " is a published default value; set it to a random string of your own");
            } else if (value.get().length() < MINIMUM_LENGTH) {
                problems.add(variable + " has " + value.get().length() + " characters; it needs at least " + MINIMUM_LENGTH);
            }
        }
        return problems;
    }

    /** {@code hub.admin-token} -> {@code HUB_ADMIN_TOKEN}. */
    public static String variableOf(String property) {
        return property.toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9]", "_");
    }
}
