package io.trackerhub.kit.outbox;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;
import java.util.Optional;

/** {@code hub.outbox.*}: the outbox and its dispatcher (service-kit README, "Secrets and configuration"). */
@ConfigMapping(prefix = "hub.outbox")
public interface OutboxSettings {

    /** Attempts of a delivery before it is {@code failed}. */
    @WithDefault("12")
    int maxAttempts();

    /** Back-off of attempt n: ½–1 × base-delay·2ⁿ⁻¹, capped at max-delay. */
    @WithDefault("PT1S")
    Duration baseDelay();

    @WithDefault("PT15M")
    Duration maxDelay();

    @WithDefault("50")
    int batchSize();

    /** Rows of one ordering key claimed and sent together (1: one at a time). */
    @WithDefault("32")
    int runLength();

    /** How long a claim holds its rows; by default twice {@link #deliveryTimeout()} plus 15 s. */
    Optional<Duration> lease();

    /** Runs sent at once. */
    @WithDefault("16")
    int concurrency();

    @WithDefault("1s")
    Duration pollInterval();

    /** Hard cut-off of one attempt. */
    @WithDefault("PT30S")
    Duration deliveryTimeout();

    /** A destination failing for longer than this, and at least {@link #pauseMinFailures()} times in a row, is paused. */
    @WithDefault("PT1H")
    Duration pauseAfter();

    @WithDefault("5")
    int pauseMinFailures();

    /** Delivered rows are deleted after this, checked every {@code cleanup-interval}. */
    @WithDefault("P7D")
    Duration deliveredRetention();

    /** Read by the cleanup's {@code @Scheduled(every = "${hub.outbox.cleanup-interval:1h}")}. */
    @WithDefault("1h")
    String cleanupInterval();

    Dispatcher dispatcher();

    interface Dispatcher {
        /** The background loop; off, only {@code dispatchDue()} sends. */
        @WithDefault("true")
        boolean enabled();
    }
}
