package io.trackerhub.poller.sync;

import com.fasterxml.jackson.databind.JsonNode;
import io.trackerhub.events.TrackerFormatException;
import io.trackerhub.events.TrackerJson;
import io.trackerhub.events.json.Timestamps;
import io.trackerhub.events.kafka.TrackerRecord;
import io.trackerhub.events.rest.Notification;
import io.trackerhub.kit.secrets.SecretBoxException;
import io.trackerhub.poller.PollerConfig;
import io.trackerhub.poller.integrations.Integration;
import io.trackerhub.poller.integrations.Integrations;
import io.trackerhub.poller.integrations.PendingRequest;
import io.trackerhub.poller.integrations.TrackedProject;
import io.trackerhub.poller.publish.RecordPublisher;
import io.trackerhub.poller.tracker.TrackerClient;
import io.trackerhub.poller.tracker.TrackerFailure;
import io.trackerhub.poller.tracker.TrackerResponse;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * One run of one integration, on the replica that holds its lease: which projects, the notifications, every project's
 * import or cycle (several at once), or only the gaps the ingest service reported. Failures end the run cleanly: a
 * rejected token stops the integration, a forbidden project is skipped and reported, anything else leaves the cursors
 * where Kafka's acknowledgements put them and the next cycle goes on from there.
 */
@ApplicationScoped
class IntegrationSync {

    private static final Logger LOG = Logger.getLogger(IntegrationSync.class);

    private final Integrations integrations;
    private final TrackerClient client;
    private final RecordPublisher publisher;
    private final ExecutorService projectWorkers;
    private final ExecutorService pageWorkers;
    private final Duration fallbackMargin;
    private final MeterRegistry metrics;

    IntegrationSync(Integrations integrations, TrackerClient client, RecordPublisher publisher, MeterRegistry metrics, PollerConfig config) {
        this.integrations = integrations;
        this.client = client;
        this.publisher = publisher;
        this.metrics = metrics;
        this.fallbackMargin = config.fallbackMargin();
        this.projectWorkers = Executors.newFixedThreadPool(config.projectConcurrency(), WorkerThreads.named("poller-project"));
        this.pageWorkers = Executors.newFixedThreadPool(config.pageConcurrency(), WorkerThreads.named("poller-page"));
    }

    /** What a run ended with, for the lease's release. */
    public record Outcome(Integration.State state, String error, boolean synced) {
    }

    /**
     * Runs the claimed integration. {@code fullCycle}: a normal cycle (schedule or force); otherwise only the pending
     * gap requests are backfilled.
     */
    public Outcome run(Leases.Claim claim, String replica, Progress progress, long runId) {
        Integration integration = claim.integration();
        List<PendingRequest> requests = integrations.requests(integration.id);
        boolean full = claim.due() || requests.stream().anyMatch(r -> !r.isGap());
        String token;
        try {
            token = integrations.token(integration);
        } catch (SecretBoxException e) {
            // this integration only, as a rejected token: it waits for PUT …/token, the others are polled
            LOG.warnf("integration %d: its token cannot be opened (%s); polling stops until a new token is set", integration.id, e.getMessage());
            integrations.requestsDone(requests);
            return new Outcome(Integration.State.ERROR, "token cannot be opened: " + e.getMessage() + "; set it again with PUT /api/integrations/"
                    + integration.id + "/token", false);
        }
        TrackerClient.Session tracker = client.session(integration.baseUrl, token);
        Heartbeat heartbeat = new Heartbeat(runId, tracker, progress);
        try {
            List<TrackedProject> projects;
            if (full) {
                integrations.knowProjects(integration.id, visibleProjects(integration, tracker));
            }
            projects = integrations.projects(integration.id).stream().filter(p -> !TrackedProject.GONE.equals(p.state)).toList();
            progress.projectsTotal.set(projects.size());
            Set<Long> polled = new HashSet<>(projects.stream().map(p -> p.projectId).toList());
            if (full) {
                notifications(integration, tracker);
                syncProjects(integration, replica, tracker, progress, projects, polled, heartbeat);
            } else {
                backfillGaps(integration, replica, tracker, progress, projects, polled, requests);
            }
            integrations.requestsDone(requests);
            heartbeat.write();
            boolean importing = integrations.projects(integration.id).stream()
                    .anyMatch(p -> !p.imported() && TrackedProject.PENDING.equals(p.state));
            if (full) {
                metrics.counter("hub.poller.cycles", "outcome", "ok").increment();
            }
            return new Outcome(importing ? Integration.State.IMPORTING : Integration.State.OK, null, full);
        } catch (TrackerFailure e) {
            heartbeat.write();
            integrations.requestsDone(requests);
            metrics.counter("hub.poller.cycles", "outcome", e.kind() == TrackerFailure.Kind.TOKEN_REJECTED ? "token_rejected" : "failed").increment();
            if (e.kind() == TrackerFailure.Kind.TOKEN_REJECTED) {
                LOG.warnf("integration %d: Tracker rejected its token (%d); polling stops until a new token is set", integration.id, e.status());
                return new Outcome(Integration.State.ERROR, "token rejected: " + e.getMessage(), false);
            }
            LOG.warnf("integration %d: cycle given up, the next one resumes from the stored cursors: %s", integration.id, e.getMessage());
            return new Outcome(integration.state == Integration.State.IMPORTING ? Integration.State.IMPORTING : Integration.State.OK,
                    e.getMessage(), false);
        } catch (RecordPublisher.KafkaUnavailable | TrackerFormatException e) {
            heartbeat.write();
            integrations.requestsDone(requests);
            metrics.counter("hub.poller.cycles", "outcome", "failed").increment();
            LOG.warnf("integration %d: cycle given up, the next one resumes from the stored cursors: %s", integration.id, e.getMessage());
            return new Outcome(integration.state == Integration.State.IMPORTING ? Integration.State.IMPORTING : Integration.State.OK,
                    e.getMessage(), false);
        } finally {
            metrics.counter("hub.poller.tracker.requests").increment(tracker.requests());
        }
    }

    /** The run's heartbeat writes progress; {@link Poller} calls {@link #write} while the run lasts. */
    final class Heartbeat {
        private final long runId;
        private final TrackerClient.Session tracker;
        private final Progress progress;

        Heartbeat(long runId, TrackerClient.Session tracker, Progress progress) {
            this.runId = runId;
            this.tracker = tracker;
            this.progress = progress;
            progress.heartbeat = this::write;
        }

        void write() {
            integrations.progress(runId, progress.projectsDone.get(), progress.projectsTotal.get(), progress.storiesSeen.get(),
                    progress.activities.get(), tracker.requests());
        }
    }

    private List<Long> visibleProjects(Integration integration, TrackerClient.Session tracker) {
        if (!integration.allProjects()) {
            return List.copyOf(integration.projectIds);
        }
        JsonNode me = tracker.me().json();
        List<Long> ids = new ArrayList<>();
        for (JsonNode membership : me.path("projects")) {
            ids.add(membership.path("project_id").asLong());
        }
        return ids;
    }

    private void syncProjects(Integration integration, String replica, TrackerClient.Session tracker, Progress progress,
                              List<TrackedProject> projects, Set<Long> polled, Heartbeat heartbeat) {
        ProjectSync sync = new ProjectSync(integration.id, replica, tracker, publisher, integrations, pageWorkers, progress, polled, fallbackMargin);
        for (TrackedProject project : projects) {
            if (TrackedProject.PENDING.equals(project.state)) {
                sync.noteImportStart(project);
            }
        }
        List<Future<?>> running = new ArrayList<>();
        for (TrackedProject project : projects) {
            running.add(projectWorkers.submit(() -> {
                progress.check();
                try {
                    sync.sync(project);
                } catch (TrackerFailure e) {
                    if (e.kind() != TrackerFailure.Kind.PROJECT_FORBIDDEN) {
                        throw e;
                    }
                    integrations.projectState(integration.id, project.projectId, TrackedProject.FORBIDDEN, e.getMessage());
                    LOG.infof("integration %d: skipping project %d: %s", integration.id, project.projectId, e.getMessage());
                }
                progress.projectsDone.incrementAndGet();
            }));
        }
        RuntimeException failure = null;
        for (Future<?> future : running) {
            try {
                future.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new Progress.RunStopped("interrupted");
            } catch (ExecutionException e) {
                RuntimeException cause = e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
                // A rejected token outranks everything else: it decides the integration's state.
                if (failure == null || (cause instanceof TrackerFailure t && t.kind() == TrackerFailure.Kind.TOKEN_REJECTED)) {
                    failure = cause;
                }
            }
        }
        if (failure != null) {
            throw failure;
        }
    }

    /** Merges the gap requests per project and backfills exactly the versions above the cursor that were reported missing. */
    private void backfillGaps(Integration integration, String replica, TrackerClient.Session tracker, Progress progress,
                              List<TrackedProject> projects, Set<Long> polled, List<PendingRequest> requests) {
        Map<Long, SortedSet<Long>> missing = new TreeMap<>();
        for (PendingRequest request : requests) {
            if (!request.isGap()) {
                continue;
            }
            TrackedProject project = projects.stream().filter(p -> p.projectId == request.projectId).findFirst().orElse(null);
            if (project == null || !project.imported()) {
                continue; // not polled, or its import will publish everything anyway
            }
            long from = Math.max(request.fromVersion, project.cursorVersion);
            for (long v = from + 1; v < request.toVersion; v++) {
                missing.computeIfAbsent(request.projectId, p -> new TreeSet<>()).add(v);
            }
        }
        ProjectSync sync = new ProjectSync(integration.id, replica, tracker, publisher, integrations, pageWorkers, progress, polled, fallbackMargin);
        missing.forEach((projectId, versions) -> {
            TrackedProject project = projects.stream().filter(p -> p.projectId == projectId).findFirst().orElseThrow();
            int published = sync.backfill(project, versions);
            LOG.infof("integration %d: gap in project %d backfilled with %d activities", integration.id, projectId, published);
        });
    }

    /** Publishes the {@code /my/notifications} items newer than the last one published. */
    private void notifications(Integration integration, TrackerClient.Session tracker) {
        Instant since = integration.notificationsSince;
        TrackerResponse response = tracker.notifications(since == null ? null : Timestamps.format(since));
        List<Notification> items = TrackerJson.readList(response.body(), Notification.class);
        RecordPublisher.Batch batch = publisher.batch();
        Instant newest = since;
        for (Notification item : items) {
            Instant at = item.updatedAt() != null ? item.updatedAt() : item.createdAt();
            if (item.id() == null || (since != null && (at == null || !at.isAfter(since)))) {
                continue;
            }
            batch.send(TrackerRecord.notification(item, integration.id));
            if (at != null && (newest == null || at.isAfter(newest))) {
                newest = at;
            }
        }
        if (batch.size() > 0) {
            batch.awaitAcknowledged();
            integrations.notificationsSeen(integration.id, newest);
        }
    }
}
