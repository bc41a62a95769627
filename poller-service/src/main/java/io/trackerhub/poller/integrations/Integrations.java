package io.trackerhub.poller.integrations;

import io.quarkus.panache.common.Sort;
import io.quarkus.runtime.StartupEvent;
import io.trackerhub.kit.jdbc.Sql;
import io.trackerhub.kit.secrets.SecretBox;
import io.trackerhub.kit.secrets.SecretBoxException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.transaction.Transactional;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The integrations, their projects (cursors), pending sync requests and runs, in schema {@code poller}: entities,
 * each method its own transaction (or the caller's), so the poller's worker threads can call them.
 */
@ApplicationScoped
public class Integrations {

    private static final Logger LOG = Logger.getLogger(Integrations.class);

    /** The condition of every cursor write: the integration's lease is still this replica's. */
    private static final String HELD = "and exists (select 1 from integration i where i.id = ? and i.lease_owner = ?)";

    private final SecretBox box;
    private final Sql sql;

    public Integrations(SecretBox box, Sql sql) {
        this.box = box;
        this.sql = sql;
    }

    @Transactional
    public long create(String name, String baseUrl, List<Long> projectIds, Duration syncInterval, String token) {
        Integration integration = new Integration();
        integration.name = name;
        integration.baseUrl = baseUrl;
        integration.projectIds = new ArrayList<>(projectIds);
        integration.syncInterval = syncInterval;
        integration.state = Integration.State.IMPORTING;
        integration.persist();
        // the id comes from the sequence at persist; the row is written at commit, token included
        integration.tokenSealed = box.seal(token, Integration.tokenContext(integration.id));
        return integration.id;
    }

    @Transactional
    public Optional<Integration> find(long id) {
        return Integration.findByIdOptional(id);
    }

    @Transactional
    public List<Integration> list() {
        return Integration.listAll(Sort.by("id"));
    }

    /** Says at start, in one line, which integrations hold a token none of this service's keys opens. */
    @Transactional
    void reportUnopenable(@Observes StartupEvent started) {
        try {
            List<Long> broken = new ArrayList<>();
            String why = null;
            for (Integration integration : list()) {
                if (integration.tokenSealed == null) {
                    continue;
                }
                try {
                    token(integration);
                } catch (SecretBoxException e) {
                    broken.add(integration.id);
                    why = e.getMessage();
                }
            }
            if (!broken.isEmpty()) {
                LOG.warnf("%d integrations hold a Tracker token sealed under a key this "
                        + "service does not have and are not polled until it is set again (PUT /api/integrations/{id}/token): integrations %s; %s",
                        broken.size(), broken, why);
            }
        } catch (RuntimeException e) {
            LOG.debugf("integrations not checked at start: %s", e.getMessage());
        }
    }

    /** The token in clear, for a run; never log or return it. */
    public String token(Integration integration) {
        return box.open(integration.tokenSealed, Integration.tokenContext(integration.id));
    }

    /** A new token: the integration is polled again at once, from the cursors it has. */
    @Transactional
    public boolean replaceToken(long id, String token) {
        Integration integration = Integration.findById(id);
        if (integration == null) {
            return false;
        }
        boolean importing = TrackedProject.count("integrationId = ?1 and cursorVersion is null and state <> ?2", id, TrackedProject.FORBIDDEN) > 0
                || TrackedProject.count("integrationId", id) == 0;
        integration.tokenSealed = box.seal(token, Integration.tokenContext(id));
        integration.state = importing ? Integration.State.IMPORTING : Integration.State.OK;
        integration.lastError = null;
        integration.nextSyncAt = Instant.now();
        integration.updatedAt = integration.nextSyncAt;
        return true;
    }

    /** Due now: the next tick of any replica takes it. False for an unknown or disabled integration. */
    @Transactional
    public boolean requestSync(long id) {
        Integration integration = Integration.findById(id);
        if (integration == null || integration.state == Integration.State.DISABLED) {
            return false;
        }
        integration.nextSyncAt = Instant.now();
        integration.updatedAt = integration.nextSyncAt;
        return true;
    }

    /** A project an unlinked integration polled and no other linked integration does: it and its stories go away downstream. */
    public record Orphan(long projectId, long version, List<Long> storyIds) {
    }

    /**
     * Unlinks: the token is wiped, the projects, requests and lease are dropped, the state is {@code disabled}.
     * Returns the projects no other linked integration polls, with the story ids last seen (their tombstones go out).
     */
    @Transactional
    public List<Orphan> unlink(long id) {
        List<TrackedProject> orphaned = TrackedProject.list("from TrackedProject p where p.integrationId = ?1 and not exists ("
                + "select 1 from TrackedProject o, Integration i where i.id = o.integrationId and o.projectId = p.projectId "
                + "and o.integrationId <> p.integrationId and i.state <> ?2)", id, Integration.State.DISABLED);
        List<Orphan> orphans = orphaned.stream().map(p -> new Orphan(p.projectId, p.cursorVersion == null ? 0 : p.cursorVersion,
                List.copyOf(p.storyIds))).toList();
        TrackedProject.delete("integrationId", id);
        PendingRequest.delete("integrationId", id);
        Integration integration = Integration.findById(id);
        integration.tokenSealed = null;
        integration.state = Integration.State.DISABLED;
        integration.leaseOwner = null;
        integration.leaseUntil = null;
        integration.updatedAt = Instant.now();
        return orphans;
    }

    @Transactional
    public void notificationsSeen(long id, Instant since) {
        Integration.<Integration>findById(id).notificationsSince = since;
    }

    // --- projects -----------------------------------------------------------------------------------------------

    @Transactional
    public List<TrackedProject> projects(long integrationId) {
        return TrackedProject.list("integrationId", Sort.by("projectId"), integrationId);
    }

    /** Adds the projects not yet known; projects no longer seen become {@code gone}, seen again {@code pending}/{@code ok}. */
    @Transactional
    public void knowProjects(long integrationId, List<Long> visible) {
        Map<Long, TrackedProject> known = new LinkedHashMap<>();
        projects(integrationId).forEach(p -> known.put(p.projectId, p));
        for (Long id : visible) {
            TrackedProject project = known.get(id);
            if (project == null) {
                project = new TrackedProject();
                project.integrationId = integrationId;
                project.projectId = id;
                project.persist();
                known.put(id, project);
            } else if (TrackedProject.GONE.equals(project.state)) {
                project.state = TrackedProject.PENDING;
            }
        }
        Set<Long> seen = new HashSet<>(visible);
        Instant now = Instant.now();
        for (TrackedProject project : known.values()) {
            if (!seen.contains(project.projectId)) {
                project.state = TrackedProject.GONE;
                project.updatedAt = now;
            }
        }
    }

    @Transactional
    public void projectName(long integrationId, long projectId, String name) {
        project(integrationId, projectId).ifPresent(p -> p.name = name);
    }

    /** The project's state after a sync attempt; a problem on one project is shown there and the others go on. */
    @Transactional
    public void projectState(long integrationId, long projectId, String state, String error) {
        project(integrationId, projectId).ifPresent(p -> {
            p.state = state;
            p.lastError = error;
            p.updatedAt = Instant.now();
        });
    }

    @Transactional
    public void historyFallback(long integrationId, long projectId, Instant at) {
        project(integrationId, projectId).ifPresent(p -> p.historyFallbackAt = at);
    }

    @Transactional
    public List<Long> storyIds(long integrationId, long projectId) {
        return project(integrationId, projectId).map(p -> List.copyOf(p.storyIds)).orElse(List.of());
    }

    /**
     * The version a first import of the project starts from: the one its first attempt read, when an attempt before
     * this one was cut short, else {@code version}.
     */
    @Transactional
    public long importVersion(long integrationId, long projectId, long version) {
        return project(integrationId, projectId).map(p -> {
            if (p.importVersion == null) {
                p.importVersion = version;
            }
            return p.importVersion;
        }).orElse(version);
    }

    private static Optional<TrackedProject> project(long integrationId, long projectId) {
        return TrackedProject.findByIdOptional(new TrackedProject.Key(integrationId, projectId));
    }

    /**
     * Moves the cursor, but only while {@code replica} still holds the integration's lease (a replica that lost it
     * must not move a cursor another one now owns). {@code storyIds} replaces the known ids when not null; else
     * {@code added}/{@code removed} adjust them. False when the lease was lost.
     */
    public boolean advance(long integrationId, long projectId, long version, String replica, List<Long> storyIds,
                           List<Long> added, List<Long> removed) {
        // SQL: the lease check and the cursor move are one statement, and the story id array is adjusted in place
        if (storyIds != null) {
            return sql.update("update project set cursor_version = ?, state = 'ok', last_error = null, synced_at = now(), updated_at = now(), "
                    + "story_ids = ?::bigint[] where integration_id = ? and project_id = ? " + HELD, version, longs(storyIds),
                    integrationId, projectId, integrationId, replica) == 1;
        }
        return sql.update("update project set cursor_version = ?, state = 'ok', last_error = null, synced_at = now(), updated_at = now(), "
                + "story_ids = array(select distinct x from unnest(story_ids || ?::bigint[]) x where not (x = any (?::bigint[]))) "
                + "where integration_id = ? and project_id = ? " + HELD, version, longs(added), longs(removed),
                integrationId, projectId, integrationId, replica) == 1;
    }

    /** An idle cycle found nothing after the cursor: the project is in sync as of now (and readable again). */
    public void upToDate(long integrationId, long projectId, String replica) {
        // SQL: like advance, the lease check and the write are one statement
        sql.update("update project set synced_at = now(), state = 'ok', last_error = case when state = 'forbidden' then null else last_error end "
                + "where integration_id = ? and project_id = ? " + HELD, integrationId, projectId, integrationId, replica);
    }

    private static long[] longs(List<Long> values) {
        return values.stream().mapToLong(Long::longValue).toArray();
    }

    // --- sync requests --------------------------------------------------------------------------------------------

    /** Stores a request for the integration's next run; false when there is no such linked integration. */
    @Transactional
    public boolean addRequest(long integrationId, String reason, Long projectId, Long fromVersion, Long toVersion, Instant requestedAt) {
        Integration integration = Integration.findById(integrationId);
        if (integration == null || integration.state == Integration.State.DISABLED) {
            return false;
        }
        PendingRequest request = new PendingRequest();
        request.integrationId = integrationId;
        request.reason = reason;
        request.projectId = projectId;
        request.fromVersion = fromVersion;
        request.toVersion = toVersion;
        request.requestedAt = requestedAt;
        request.persist();
        Instant now = Instant.now();
        if (!PendingRequest.GAP.equals(reason) && (integration.nextSyncAt == null || integration.nextSyncAt.isAfter(now))) {
            integration.nextSyncAt = now;
        }
        return true;
    }

    @Transactional
    public List<PendingRequest> requests(long integrationId) {
        return PendingRequest.list("integrationId", Sort.by("id"), integrationId);
    }

    @Transactional
    public void requestsDone(List<PendingRequest> done) {
        if (!done.isEmpty()) {
            PendingRequest.delete("id in ?1", done.stream().map(r -> r.id).toList());
        }
    }

    // --- runs -------------------------------------------------------------------------------------------------------

    @Transactional
    public long startRun(long integrationId, String replica, String reason) {
        SyncRun run = new SyncRun();
        run.integrationId = integrationId;
        run.replica = replica;
        run.reason = reason;
        run.persist();
        return run.id;
    }

    @Transactional
    public void progress(long runId, int projectsDone, int projectsTotal, long storiesSeen, long activities, int requests) {
        SyncRun run = SyncRun.findById(runId);
        run.projectsDone = projectsDone;
        run.projectsTotal = projectsTotal;
        run.storiesSeen = storiesSeen;
        run.activities = activities;
        run.requests = requests;
    }

    @Transactional
    public void finishRun(long runId, String outcome, String error) {
        SyncRun run = SyncRun.findById(runId);
        run.finishedAt = Instant.now();
        run.outcome = outcome;
        run.error = error;
    }

    /** The integration's latest run: running now, or how the last one ended. */
    @Transactional
    public Optional<SyncRun> latestRun(long integrationId) {
        return SyncRun.find("integrationId", Sort.descending("id"), integrationId).firstResultOptional();
    }

    @Transactional
    public List<SyncRun> allRuns() {
        return SyncRun.listAll(Sort.by("id"));
    }
}
