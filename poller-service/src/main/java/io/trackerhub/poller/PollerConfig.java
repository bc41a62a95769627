package io.trackerhub.poller;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;
import java.util.Optional;

/** The poller's {@code hub.poller.*} settings (README, Configuration); in the root package, as every feature reads it. */
@ConfigMapping(prefix = "hub.poller")
public interface PollerConfig {

    /** Shown as {@code progress.replica}; default the JVM's name and a random suffix. */
    Optional<String> replicaId();

    /** False: this replica never leases an integration (it serves the API only). */
    @WithDefault("true")
    boolean enabled();

    /** How often this replica looks for due integrations (the {@code @Scheduled} of {@code sync.Poller} reads it). */
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

    /** How long a cycle waits for Kafka's acknowledgements before it gives up (the cursor stays). */
    @WithDefault("PT60S")
    Duration ackTimeout();

    /** The producer's {@code linger.ms}: an import sends tens of thousands of records, batching beats latency. */
    @WithDefault("5")
    int lingerMs();
}
