package io.trackerhub.poller.integrations;

import io.quarkus.runtime.StartupEvent;
import io.trackerhub.kit.secrets.SecretBox;
import io.trackerhub.kit.secrets.SecretBoxException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.transaction.Transactional;
import org.jboss.logging.Logger;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The integrations, their projects (cursors), pending sync requests and runs, in schema {@code poller}. */
@ApplicationScoped
public class Integrations {

    private static final Logger LOG = Logger.getLogger(Integrations.class);

    public static final String COLUMNS_FOR_RETURNING = "integration.id, integration.name, integration.base_url, integration.project_ids, "
            + "integration.sync_interval, integration.token_sealed, integration.state, integration.last_error, integration.last_sync_at, "
            + "integration.next_sync_at, integration.notifications_since, integration.lease_owner, integration.lease_until, integration.created_at";
    static final String COLUMNS = "id, name, base_url, project_ids, sync_interval, token_sealed, state, last_error, last_sync_at, "
            + "next_sync_at, notifications_since, lease_owner, lease_until, created_at";
    private static final String PROJECT_COLUMNS = "integration_id, project_id, name, cursor_version, state, last_error, "
            + "history_fallback_at, synced_at, import_version";
    private static final String RUN_COLUMNS = "id, integration_id, replica, reason, started_at, finished_at, outcome, projects_done, "
            + "projects_total, stories_seen, activities, requests, error";

    private final Database db;
    private final SecretBox box;

    public Integrations(Database db, SecretBox box) {
        this.db = db;
        this.box = box;
    }

    @Transactional
    public long create(String name, String baseUrl, List<Long> projectIds, Duration syncInterval, String token) {
        long id = db.one("select nextval('integration_id_seq')", (c, s) -> {
        }, rs -> rs.getLong(1)).orElseThrow();
        db.update("insert into integration (id, name, base_url, project_ids, sync_interval, token_sealed, state) values (?, ?, ?, ?, ?, ?, 'importing')",
                (c, s) -> {
                    s.setLong(1, id);
                    s.setString(2, name);
                    s.setString(3, baseUrl);
                    s.setArray(4, Database.longs(c, projectIds));
                    s.setString(5, syncInterval.toString());
                    s.setString(6, box.seal(token, Integration.tokenContext(id)));
                });
        return id;
    }

    public Optional<Integration> find(long id) {
        return db.one("select " + COLUMNS + " from integration where id = ?", (c, s) -> s.setLong(1, id), Integrations::read);
    }

    public List<Integration> list() {
        return db.query("select " + COLUMNS + " from integration order by id", (c, s) -> {
        }, Integrations::read);
    }

    /** Says at start, in one line, which integrations hold a token none of this service's keys opens. */
    void reportUnopenable(@Observes StartupEvent started) {
        try {
            List<Long> broken = new ArrayList<>();
            String why = null;
            for (Integration integration : list()) {
                if (integration.tokenSealed() == null) {
                    continue;
                }
                try {
                    token(integration);
                } catch (SecretBoxException e) {
                    broken.add(integration.id());
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
        return box.open(integration.tokenSealed(), Integration.tokenContext(integration.id()));
    }

    /** A new token: the integration is polled again at once, from the cursors it has. */
    public boolean replaceToken(long id, String token) {
        return db.update("update integration set token_sealed = ?, state = case when exists (select 1 from project p where p.integration_id = ? "
                + "and p.cursor_version is null and p.state <> 'forbidden') or not exists (select 1 from project p where p.integration_id = ?) "
                + "then 'importing' else 'ok' end, last_error = null, next_sync_at = now(), updated_at = now() where id = ?", (c, s) -> {
                    s.setString(1, box.seal(token, Integration.tokenContext(id)));
                    s.setLong(2, id);
                    s.setLong(3, id);
                    s.setLong(4, id);
                }) == 1;
    }

    /** Due now: the next tick of any replica takes it. False for an unknown or disabled integration. */
    public boolean requestSync(long id) {
        return db.update("update integration set next_sync_at = now(), updated_at = now() where id = ? and state <> 'disabled'",
                (c, s) -> s.setLong(1, id)) == 1;
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
        List<Orphan> orphaned = db.query("select p.project_id, coalesce(p.cursor_version, 0), p.story_ids from project p where p.integration_id = ? "
                + "and not exists (select 1 from project o join integration i on i.id = o.integration_id where o.project_id = p.project_id "
                + "and o.integration_id <> p.integration_id and i.state <> 'disabled')", (c, s) -> s.setLong(1, id),
                rs -> new Orphan(rs.getLong(1), rs.getLong(2), Database.longs(rs.getArray(3))));
        db.update("delete from project where integration_id = ?", (c, s) -> s.setLong(1, id));
        db.update("delete from sync_request where integration_id = ?", (c, s) -> s.setLong(1, id));
        db.update("update integration set token_sealed = null, state = 'disabled', lease_owner = null, lease_until = null, "
                + "updated_at = now() where id = ?", (c, s) -> s.setLong(1, id));
        return orphaned;
    }

    public void setState(long id, Integration.State state, String lastError) {
        db.update("update integration set state = ?, last_error = ?, updated_at = now() where id = ?", (c, s) -> {
            s.setString(1, state.wire());
            s.setString(2, lastError);
            s.setLong(3, id);
        });
    }

    public void notificationsSeen(long id, Instant since) {
        db.update("update integration set notifications_since = ? where id = ?", (c, s) -> {
            s.setTimestamp(1, Database.timestamp(since));
            s.setLong(2, id);
        });
    }

    // --- projects -----------------------------------------------------------------------------------------------

    public List<TrackedProject> projects(long integrationId) {
        return db.query("select " + PROJECT_COLUMNS + " from project where integration_id = ? order by project_id",
                (c, s) -> s.setLong(1, integrationId), Integrations::readProject);
    }

    /** Adds the projects not yet known; projects no longer seen become {@code gone}, seen again {@code pending}/{@code ok}. */
    @Transactional
    public void knowProjects(long integrationId, List<Long> visible) {
        for (Long project : visible) {
            db.update("insert into project (integration_id, project_id) values (?, ?) on conflict (integration_id, project_id) "
                    + "do update set state = case when project.state = 'gone' then 'pending' else project.state end", (c, s) -> {
                        s.setLong(1, integrationId);
                        s.setLong(2, project);
                    });
        }
        db.update("update project set state = 'gone', updated_at = now() where integration_id = ? and not (project_id = any (?))", (c, s) -> {
            s.setLong(1, integrationId);
            s.setArray(2, Database.longs(c, visible));
        });
    }

    public void projectName(long integrationId, long projectId, String name) {
        db.update("update project set name = ? where integration_id = ? and project_id = ?", (c, s) -> {
            s.setString(1, name);
            s.setLong(2, integrationId);
            s.setLong(3, projectId);
        });
    }

    /** The project's state after a sync attempt; a problem on one project is shown there and the others go on. */
    public void projectState(long integrationId, long projectId, String state, String error) {
        db.update("update project set state = ?, last_error = ?, updated_at = now() where integration_id = ? and project_id = ?", (c, s) -> {
            s.setString(1, state);
            s.setString(2, error);
            s.setLong(3, integrationId);
            s.setLong(4, projectId);
        });
    }

    public void historyFallback(long integrationId, long projectId, Instant at) {
        db.update("update project set history_fallback_at = ? where integration_id = ? and project_id = ?", (c, s) -> {
            s.setTimestamp(1, Database.timestamp(at));
            s.setLong(2, integrationId);
            s.setLong(3, projectId);
        });
    }

    public List<Long> storyIds(long integrationId, long projectId) {
        return db.one("select story_ids from project where integration_id = ? and project_id = ?", (c, s) -> {
            s.setLong(1, integrationId);
            s.setLong(2, projectId);
        }, rs -> Database.longs(rs.getArray(1))).orElse(List.of());
    }

    /**
     * The version a first import of the project starts from: the one its first attempt read, when an attempt before
     * this one was cut short, else {@code version}.
     */
    public long importVersion(long integrationId, long projectId, long version) {
        return db.one("update project set import_version = coalesce(import_version, ?) where integration_id = ? and project_id = ? "
                + "returning import_version", (c, s) -> {
                    s.setLong(1, version);
                    s.setLong(2, integrationId);
                    s.setLong(3, projectId);
                }, rs -> rs.getLong(1)).orElse(version);
    }

    /**
     * Moves the cursor, but only while {@code replica} still holds the integration's lease (a replica that lost it
     * must not move a cursor another one now owns). {@code storyIds} replaces the known ids when not null; else
     * {@code added}/{@code removed} adjust them. False when the lease was lost.
     */
    public boolean advance(long integrationId, long projectId, long version, String replica, List<Long> storyIds,
                           List<Long> added, List<Long> removed) {
        String ids = storyIds != null ? "?::bigint[]"
                : "array(select distinct x from unnest(story_ids || ?::bigint[]) x where not (x = any (?::bigint[])))";
        return db.update("update project set cursor_version = ?, state = 'ok', last_error = null, synced_at = now(), updated_at = now(), "
                + "story_ids = " + ids + " where integration_id = ? and project_id = ? and exists (select 1 from integration i "
                + "where i.id = ? and i.lease_owner = ?)", (c, s) -> {
                    int i = 1;
                    s.setLong(i++, version);
                    if (storyIds != null) {
                        s.setArray(i++, Database.longs(c, storyIds));
                    } else {
                        s.setArray(i++, Database.longs(c, added));
                        s.setArray(i++, Database.longs(c, removed));
                    }
                    s.setLong(i++, integrationId);
                    s.setLong(i++, projectId);
                    s.setLong(i++, integrationId);
                    s.setString(i, replica);
                }) == 1;
    }

    /** An idle cycle found nothing after the cursor: the project is in sync as of now (and readable again). */
    public void upToDate(long integrationId, long projectId, String replica) {
        db.update("update project set synced_at = now(), state = 'ok', last_error = case when state = 'forbidden' then null else last_error end "
                + "where integration_id = ? and project_id = ? and exists (select 1 from integration i where i.id = ? and i.lease_owner = ?)", (c, s) -> {
                    s.setLong(1, integrationId);
                    s.setLong(2, projectId);
                    s.setLong(3, integrationId);
                    s.setString(4, replica);
                });
    }

    // --- sync requests --------------------------------------------------------------------------------------------

    /** Stores a request for the integration's next run; false when there is no such linked integration. */
    public boolean addRequest(long integrationId, String reason, Long projectId, Long fromVersion, Long toVersion, Instant requestedAt) {
        int added = db.update("insert into sync_request (integration_id, reason, project_id, from_version, to_version, requested_at) "
                + "select id, ?, ?, ?, ?, ? from integration where id = ? and state <> 'disabled'", (c, s) -> {
                    s.setString(1, reason);
                    setLong(s, 2, projectId);
                    setLong(s, 3, fromVersion);
                    setLong(s, 4, toVersion);
                    s.setTimestamp(5, Database.timestamp(requestedAt));
                    s.setLong(6, integrationId);
                });
        if (added == 1) {
            db.update("update integration set next_sync_at = least(next_sync_at, now()) where id = ? and ? <> 'gap'", (c, s) -> {
                s.setLong(1, integrationId);
                s.setString(2, reason);
            });
        }
        return added == 1;
    }

    public record Request(long id, String reason, Long projectId, Long fromVersion, Long toVersion) {
        public boolean isGap() {
            return "gap".equals(reason) && projectId != null && fromVersion != null && toVersion != null;
        }
    }

    public List<Request> requests(long integrationId) {
        return db.query("select id, reason, project_id, from_version, to_version from sync_request where integration_id = ? order by id",
                (c, s) -> s.setLong(1, integrationId), rs -> new Request(rs.getLong(1), rs.getString(2), Database.nullableLong(rs, "project_id"),
                        Database.nullableLong(rs, "from_version"), Database.nullableLong(rs, "to_version")));
    }

    public void requestsDone(List<Request> done) {
        if (done.isEmpty()) {
            return;
        }
        db.update("delete from sync_request where id = any (?)", (c, s) -> s.setArray(1, Database.longs(c, done.stream().map(Request::id).toList())));
    }

    // --- runs -------------------------------------------------------------------------------------------------------

    public long startRun(long integrationId, String replica, String reason) {
        return db.one("insert into sync_run (integration_id, replica, reason) values (?, ?, ?) returning id", (c, s) -> {
            s.setLong(1, integrationId);
            s.setString(2, replica);
            s.setString(3, reason);
        }, rs -> rs.getLong(1)).orElseThrow();
    }

    public void progress(long runId, int projectsDone, int projectsTotal, long storiesSeen, long activities, int requests) {
        db.update("update sync_run set projects_done = ?, projects_total = ?, stories_seen = ?, activities = ?, requests = ? where id = ?", (c, s) -> {
            s.setInt(1, projectsDone);
            s.setInt(2, projectsTotal);
            s.setLong(3, storiesSeen);
            s.setLong(4, activities);
            s.setInt(5, requests);
            s.setLong(6, runId);
        });
    }

    public void finishRun(long runId, String outcome, String error) {
        db.update("update sync_run set finished_at = now(), outcome = ?, error = ? where id = ?", (c, s) -> {
            s.setString(1, outcome);
            s.setString(2, error);
            s.setLong(3, runId);
        });
    }

    public List<SyncRun> runs(long integrationId, int limit) {
        return db.query("select " + RUN_COLUMNS + " from sync_run where integration_id = ? order by id desc limit ?", (c, s) -> {
            s.setLong(1, integrationId);
            s.setInt(2, limit);
        }, Integrations::readRun);
    }

    public List<SyncRun> allRuns() {
        return db.query("select " + RUN_COLUMNS + " from sync_run order by id", (c, s) -> {
        }, Integrations::readRun);
    }

    public static Integration readRow(ResultSet rs) throws SQLException {
        return read(rs);
    }

    static Integration read(ResultSet rs) throws SQLException {
        return new Integration(rs.getLong("id"), rs.getString("name"), rs.getString("base_url"), Database.longs(rs.getArray("project_ids")),
                Duration.parse(rs.getString("sync_interval")), rs.getString("token_sealed"), Integration.State.of(rs.getString("state")),
                rs.getString("last_error"), Database.instant(rs, "last_sync_at"), Database.instant(rs, "next_sync_at"),
                Database.instant(rs, "notifications_since"), rs.getString("lease_owner"), Database.instant(rs, "lease_until"),
                Database.instant(rs, "created_at"));
    }

    private static TrackedProject readProject(ResultSet rs) throws SQLException {
        return new TrackedProject(rs.getLong("integration_id"), rs.getLong("project_id"), rs.getString("name"),
                Database.nullableLong(rs, "cursor_version"), rs.getString("state"), rs.getString("last_error"),
                Database.instant(rs, "history_fallback_at"), Database.instant(rs, "synced_at"), Database.nullableLong(rs, "import_version"));
    }

    private static SyncRun readRun(ResultSet rs) throws SQLException {
        return new SyncRun(rs.getLong("id"), rs.getLong("integration_id"), rs.getString("replica"), rs.getString("reason"),
                Database.instant(rs, "started_at"), Database.instant(rs, "finished_at"), rs.getString("outcome"), rs.getInt("projects_done"),
                rs.getInt("projects_total"), rs.getLong("stories_seen"), rs.getLong("activities"), rs.getInt("requests"), rs.getString("error"));
    }

    private static void setLong(java.sql.PreparedStatement s, int index, Long value) throws SQLException {
        if (value == null) {
            s.setNull(index, Types.BIGINT);
        } else {
            s.setLong(index, value);
        }
    }
}
