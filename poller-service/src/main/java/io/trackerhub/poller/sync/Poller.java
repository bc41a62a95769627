package io.trackerhub.poller.sync;

import io.quarkus.scheduler.Scheduled;
import io.trackerhub.poller.PollerConfig;
import io.trackerhub.poller.integrations.Integration;
import io.trackerhub.poller.integrations.Integrations;
import io.trackerhub.poller.integrations.SyncDue;
import io.quarkus.runtime.ShutdownEvent;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * This replica's share of the polling: every tick (and at once after a force sync or a sync request) it leases due
 * integrations, up to {@code hub.poller.max-runs} at a time, and runs them. While a run lasts its lease is renewed and
 * its progress written; a run whose lease was lost stops before it moves another cursor.
 */
@ApplicationScoped
class Poller {

    private static final Logger LOG = Logger.getLogger(Poller.class);

    private final String replica;
    private final Leases leases;
    private final IntegrationSync sync;
    private final Integrations integrations;
    private final Duration leaseTtl;
    private final boolean enabled;
    private final Semaphore slots;
    private final ExecutorService runs;
    private final ExecutorService waker = Executors.newSingleThreadExecutor(WorkerThreads.named("poller-wake"));
    private final ScheduledExecutorService heartbeats = Executors.newSingleThreadScheduledExecutor(WorkerThreads.named("poller-heartbeat"));
    private final AtomicBoolean wakePending = new AtomicBoolean();
    private final Map<Long, Progress> active = new ConcurrentHashMap<>();
    private volatile boolean stopping;
    /** An import whose cycle was given up (a 429 storm, a Tracker outage) goes on after this, not a whole sync interval. */
    private final Duration importRetry;

    @Inject
    Poller(Leases leases, IntegrationSync sync, Integrations integrations, PollerConfig config) {
        this(config.replicaId().orElseGet(Poller::defaultReplica), leases, sync, integrations, config.leaseTtl(), config.maxRuns(),
                config.enabled(), config.importRetry());
    }

    /** A replica of its own: several in one JVM behave as several processes over one database. */
    public Poller(String replica, Leases leases, IntegrationSync sync, Integrations integrations, Duration leaseTtl, int maxRuns, boolean enabled) {
        this(replica, leases, sync, integrations, leaseTtl, maxRuns, enabled, Duration.ofMinutes(1));
    }

    Poller(String replica, Leases leases, IntegrationSync sync, Integrations integrations, Duration leaseTtl, int maxRuns, boolean enabled,
           Duration importRetry) {
        this.importRetry = importRetry;
        this.replica = replica;
        this.leases = leases;
        this.sync = sync;
        this.integrations = integrations;
        this.leaseTtl = leaseTtl;
        this.enabled = enabled;
        this.slots = new Semaphore(Math.max(1, maxRuns));
        this.runs = Executors.newFixedThreadPool(Math.max(1, maxRuns), WorkerThreads.named("poller-run"));
        // at most every 2 s, so that a running import's progress shows while it lasts
        long beat = Math.max(200, Math.min(2000, leaseTtl.toMillis() / 3));
        heartbeats.scheduleWithFixedDelay(this::renewLeases, beat, beat, TimeUnit.MILLISECONDS);
    }

    public String replica() {
        return replica;
    }

    @Scheduled(every = "${hub.poller.tick:1s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP, delayed = "${hub.poller.first-tick:2s}")
    void scheduled() {
        if (enabled) {
            tick();
        }
    }

    /** An integration was linked, forced or given a new token over the API. */
    void onDue(@Observes SyncDue due) {
        wake();
    }

    /** Looks for due integrations now instead of at the next tick. */
    public void wake() {
        if (enabled && wakePending.compareAndSet(false, true)) {
            waker.execute(() -> {
                wakePending.set(false);
                tick();
            });
        }
    }

    /** Leases and starts due integrations while this replica has room for more runs. */
    public synchronized void tick() {
        while (!stopping && slots.tryAcquire()) {
            Optional<Leases.Claim> claim;
            try {
                claim = leases.claim(replica, leaseTtl);
            } catch (RuntimeException e) {
                slots.release();
                LOG.warnf("could not look for due integrations: %s", e.getMessage());
                return;
            }
            if (claim.isEmpty()) {
                slots.release();
                return;
            }
            Leases.Claim taken = claim.get();
            runs.execute(() -> {
                try {
                    run(taken);
                } finally {
                    slots.release();
                    wake();
                }
            });
        }
    }

    private void run(Leases.Claim claim) {
        Integration integration = claim.integration();
        long id = integration.id;
        Progress progress = new Progress();
        active.put(id, progress);
        long runId;
        try {
            runId = integrations.startRun(id, replica, claim.due() ? (integration.lastSyncAt == null ? "import" : "cycle") : "gap");
        } catch (RuntimeException e) {
            active.remove(id);
            leases.abandon(id, replica);
            LOG.warnf("integration %d: run not recorded, lease given back: %s", id, e.getMessage());
            return;
        }
        String outcome = "failed";
        String error = null;
        try {
            IntegrationSync.Outcome result = sync.run(claim, replica, progress, runId);
            error = result.error();
            outcome = result.error() == null ? "ok" : "failed";
            Duration wait = result.error() != null && result.state() == Integration.State.IMPORTING
                    && importRetry.compareTo(integration.syncInterval) < 0 ? importRetry : integration.syncInterval;
            Instant next = Instant.now().plus(wait);
            if (!leases.release(claim, replica, result.state(), result.error(), result.synced(), next)) {
                outcome = "lost_lease";
            }
        } catch (Progress.RunStopped e) {
            outcome = stopping ? "failed" : "lost_lease";
            error = "run stopped: " + e.getMessage();
            LOG.warnf("integration %d: %s", id, error);
            if (stopping) {
                leases.abandon(id, replica);
            }
        } catch (RuntimeException e) {
            error = e.getMessage();
            LOG.errorf(e, "integration %d: run failed", id);
            try {
                leases.release(claim, replica, integration.state == Integration.State.ERROR ? Integration.State.OK : integration.state,
                        "run failed: " + e.getMessage(), false, Instant.now().plus(integration.syncInterval));
            } catch (RuntimeException again) {
                LOG.warnf("integration %d: lease not released (it expires by itself): %s", id, again.getMessage());
            }
        } finally {
            active.remove(id);
            try {
                progress.heartbeat.run();
                integrations.finishRun(runId, outcome, error);
                LOG.debugf("integration %d: run %d %s: %d projects, %d stories, %d activities", id, runId, outcome,
                        progress.projectsDone.get(), progress.storiesSeen.get(), progress.activities.get());
            } catch (RuntimeException e) {
                LOG.warnf("integration %d: run %d not finished in the database: %s", id, runId, e.getMessage());
            }
        }
    }

    private void renewLeases() {
        active.forEach((id, progress) -> {
            try {
                if (!leases.renew(id, replica, leaseTtl)) {
                    progress.stop("the lease of integration " + id + " expired and another replica may have taken it");
                }
                progress.heartbeat.run();
            } catch (RuntimeException e) {
                LOG.warnf("integration %d: lease not renewed: %s", id, e.getMessage());
            }
        });
    }

    /**
     * On shutdown, while the database is still open: beans are destroyed only after the datasource pool was closed,
     * too late to give a lease back or to record how the run ended.
     */
    void onShutdown(@Observes ShutdownEvent event) {
        stop();
    }

    /** Stops taking work and ends the leases of running syncs at once, so that another replica takes over without waiting. */
    @PreDestroy
    public void stop() {
        stopping = true;
        active.values().forEach(p -> p.stop("the service is stopping"));
        runs.shutdown();
        try {
            runs.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        heartbeats.shutdownNow();
        waker.shutdownNow();
    }

    private static String defaultReplica() {
        return ManagementFactory.getRuntimeMXBean().getName() + "-" + UUID.randomUUID().toString().substring(0, 8);
    }
}
