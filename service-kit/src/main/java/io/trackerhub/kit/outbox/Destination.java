package io.trackerhub.kit.outbox;

import java.time.Instant;

/**
 * The state of one receiver of deliveries: its rate limit (null: none), since when it has been failing, and whether
 * it is paused, with the reason. A paused destination's deliveries stay pending until {@link Outbox#resume}.
 */
public record Destination(String name, Double ratePerSecond, Instant failingSince, int consecutiveFailures, String lastError,
                          Instant pausedAt, String pauseReason) {

    public static Destination unknown(String name) {
        return new Destination(name, null, null, 0, null, null, null);
    }

    public boolean paused() {
        return pausedAt != null;
    }
}
