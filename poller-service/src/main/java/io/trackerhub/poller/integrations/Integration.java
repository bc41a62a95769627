package io.trackerhub.poller.integrations;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/** A Tracker token and the projects it is polled for, as stored (the token still sealed). */
public record Integration(long id, String name, String baseUrl, List<Long> projectIds, Duration syncInterval,
                          String tokenSealed, State state, String lastError, Instant lastSyncAt, Instant nextSyncAt,
                          Instant notificationsSince, String leaseOwner, Instant leaseUntil, Instant createdAt) {

    public enum State {
        IMPORTING, OK, ERROR, DISABLED;

        public String wire() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }

        public static State of(String wire) {
            return valueOf(wire.toUpperCase(java.util.Locale.ROOT));
        }
    }

    /** The {@link io.trackerhub.kit.secrets.SecretBox} context of this integration's token. */
    public static String tokenContext(long id) {
        return "integration/" + id + "/tracker-token";
    }

    public boolean allProjects() {
        return projectIds.isEmpty();
    }
}
