package io.trackerhub.kit.outbox;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Exponential back-off with jitter: attempt n waits between half and all of {@code base * 2^(n-1)}, capped at
 * {@code max}, so that many deliveries failing together do not come back together. A server's
 * {@code Retry-After} wins when it asks for longer.
 */
public record Backoff(Duration base, Duration max) {

    public Duration delayAfter(int attempt, Duration retryAfter) {
        long ceiling = Math.min(max.toMillis(), base.toMillis() * (1L << Math.min(Math.max(attempt - 1, 0), 30)));
        long delay = ceiling / 2 + ThreadLocalRandom.current().nextLong(ceiling / 2 + 1);
        if (retryAfter != null && retryAfter.toMillis() > delay) {
            return retryAfter;
        }
        return Duration.ofMillis(delay);
    }
}
