package io.trackerhub.poller.sync;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;
import java.util.Optional;

/**
 * The poller's {@code hub.poller.*} settings (README, Configuration). {@code ack-timeout} and {@code linger-ms} are
 * read by {@code publish.RecordPublisher}, the Kafka producer.
 */
@ConfigMapping(prefix = "hub.poller")
interface PollerConfig {

    /** Shown as {@code progress.replica}; default the JVM's name and a random suffix. */
    Optional<String> replicaId();

    /** False: this replica never leases an integration (it serves the API only). */
    @WithDefault("true")
    boolean enabled();

    /** How often this replica looks for due integrations (the {@code @Scheduled} of {@link Poller} reads it). */
    @WithDefault("1s")
    String tick();

    /** The first look after start. */
    @WithDefault("2s")
    String firstTick();

    /** A dead replica's integrations move on after this. */
    @WithDefault("PT30S")
    Duration leaseTtl();

    /** Integrations run at once by this replica. */
    @WithDefault("4")
    int maxRuns();

    /** When a first import whose cycle was given up goes on (at most the sync interval). */
    @WithDefault("PT1M")
    Duration importRetry();

    /** Projects of one integration synced at once. */
    @WithDefault("4")
    int projectConcurrency();

    /** Story pages of one project read at once during an import. */
    @WithDefault("4")
    int pageConcurrency();

    /** Overlap of {@code updated_after} when the activity history no longer reaches the cursor. */
    @WithDefault("PT10M")
    Duration fallbackMargin();
}
