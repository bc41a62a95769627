package io.trackerhub.timesheet.tasks;

import com.fasterxml.jackson.databind.JsonNode;
import io.trackerhub.events.activity.Activity;
import io.trackerhub.events.activity.Change;
import io.trackerhub.events.activity.Resource;
import io.trackerhub.events.rest.Project;
import io.trackerhub.events.rest.Story;
import io.trackerhub.kit.jdbc.Sql;
import io.trackerhub.timesheet.timers.Timers;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Keeps the imported task tree in step with Tracker: project and story snapshots, and story activity from web hooks
 * before the next snapshot. Every change carries the Tracker project version it happened at; a task remembers the
 * version of the last change applied, so older changes are skipped and later ones (snapshots included) win.
 * Callers hold the transaction in which the event's {@code ce_id} is recorded.
 */
@ApplicationScoped
public class TrackerImport {

    public enum Outcome { APPLIED, STALE, IGNORED }

    public static final String ACCEPTED = "accepted";
    public static final String REASON_ACCEPTED = "accepted";
    public static final String REASON_DELETED = "deleted";
    public static final String REASON_MOVED = "moved out of its project";
    public static final String REASON_REMOVED = "project removed";
    private static final String MOVED_OUT = "story_move_from_project_activity";

    /** Activity kinds whose story changes are applied (Tracker's story_create/update/delete/move family). */
    static final Set<String> STORY_KINDS = Set.of("story_create_activity", "story_update_activity", "story_delete_activity",
            "story_move_activity", "story_move_into_project_activity", "story_move_from_project_activity");

    /** A story or project as stored; {@code projectId} is the Tracker id of a story's project (its versions count there). */
    private record Known(long id, long version, Long parentId, String archivedReason, Long projectId) {

        /** Versions are per Tracker project: one from another project says nothing about this story's. */
        boolean versionedIn(long trackerProjectId) {
            return projectId == null || projectId == trackerProjectId;
        }
    }

    private final Sql sql;
    private final Timers timers;

    public TrackerImport(Sql sql, Timers timers) {
        this.sql = sql;
        this.timers = timers;
    }

    /** The "Pivotal Tracker" root of an integration, created on first sight. */
    long root(long integrationId) {
        sql.update("insert into task (kind, integration_id, name) values ('root', ?, ?) "
                + "on conflict (integration_id) where kind = 'root' do nothing", integrationId, Task.ROOT_NAME);
        return sql.one("select id from task where kind = 'root' and integration_id = ?", rs -> rs.getLong(1), integrationId).orElseThrow();
    }

    /** The task of a project, created (named {@code nameIfNew}) when a story or activity names it before its snapshot. */
    long projectTask(long integrationId, long projectId, String nameIfNew) {
        long root = root(integrationId);
        sql.update("insert into task (kind, parent_id, integration_id, tracker_id, name) values ('project', ?, ?, ?, ?) "
                        + "on conflict (kind, tracker_id) where kind <> 'root' do nothing",
                root, integrationId, projectId, nameIfNew == null || nameIfNew.isBlank() ? "Project " + projectId : nameIfNew);
        return sql.one("select id from task where kind = 'project' and tracker_id = ?", rs -> rs.getLong(1), projectId).orElseThrow();
    }

    private Optional<Known> known(String kind, long trackerId) {
        return sql.one("select t.id, t.version, t.parent_id, t.archived_reason, case when t.kind = 'story' then p.tracker_id end as project_id "
                        + "from task t left join task p on p.id = t.parent_id where t.kind = ? and t.tracker_id = ? for update of t",
                rs -> new Known(rs.getLong("id"), rs.getLong("version"), Sql.nullableLong(rs, "parent_id"), rs.getString("archived_reason"),
                        Sql.nullableLong(rs, "project_id")),
                kind, trackerId);
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public Outcome project(long integrationId, long projectId, Project snapshot, Long version) {
        long id = projectTask(integrationId, projectId, snapshot.name());
        Known known = known(Task.PROJECT, projectId).orElseThrow();
        if (version != null && version < known.version()) {
            return Outcome.STALE;
        }
        sql.update("update task set name = coalesce(?, name), integration_id = ?, parent_id = ?, version = greatest(version, ?), "
                        + "archived_at = null, archived_reason = null, updated_at = now() where id = ?",
                snapshot.name(), integrationId, root(integrationId), version == null ? known.version() : version, id);
        return Outcome.APPLIED;
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public Outcome projectRemoved(long projectId, Long version) {
        Optional<Known> known = known(Task.PROJECT, projectId);
        if (known.isEmpty()) {
            return Outcome.IGNORED;
        }
        if (version != null && version < known.get().version()) {
            return Outcome.STALE;
        }
        archive(known.get().id(), REASON_REMOVED, version);
        List<Long> stories = sql.list("select id from task where parent_id = ?", rs -> rs.getLong(1), known.get().id());
        timers.stopOn(stories, Instant.now(), REASON_REMOVED);
        return Outcome.APPLIED;
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public Outcome story(long integrationId, long storyId, Story snapshot, Long version) {
        long projectId = snapshot.projectId();
        long parent = projectTask(integrationId, projectId, null);
        Optional<Known> known = known(Task.STORY, storyId);
        if (known.isPresent() && version != null && known.get().versionedIn(projectId) && version < known.get().version()) {
            return Outcome.STALE;
        }
        boolean accepted = ACCEPTED.equals(snapshot.currentState());
        String url = snapshot.url() != null ? snapshot.url() : Resource.storyUrl(storyId);
        String name = snapshot.name() != null ? snapshot.name() : "Story " + storyId;
        long v = version != null ? version : known.map(Known::version).orElse(-1L);
        if (known.isEmpty()) {
            int inserted = sql.update("insert into task (kind, parent_id, integration_id, tracker_id, name, story_type, current_state, estimate, url, "
                            + "version, archived_at, archived_reason) values ('story', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
                            + "on conflict (kind, tracker_id) where kind <> 'root' do nothing",
                    parent, integrationId, storyId, name, snapshot.storyType(), snapshot.currentState(), snapshot.estimate(), url, v,
                    accepted ? Instant.now() : null, accepted ? REASON_ACCEPTED : null);
            if (inserted == 1) {
                return Outcome.APPLIED;
            }
            // the activity consumer created it a moment ago: now it is known
            known = known(Task.STORY, storyId);
            if (version != null && known.orElseThrow().versionedIn(projectId) && version < known.get().version()) {
                return Outcome.STALE;
            }
        }
        boolean sameProject = known.get().versionedIn(projectId);
        // a snapshot is the whole story: it also brings a deleted or moved story back
        sql.update("update task set parent_id = ?, integration_id = ?, name = ?, story_type = ?, current_state = ?, estimate = ?, url = ?, "
                        + "version = " + (sameProject ? "greatest(version, ?)" : "?") + ", updated_at = now() where id = ?",
                parent, integrationId, name, snapshot.storyType(), snapshot.currentState(), snapshot.estimate(), url, v, known.get().id());
        if (accepted) {
            archive(known.get().id(), REASON_ACCEPTED, null);
        } else {
            unarchive(known.get().id());
        }
        return Outcome.APPLIED;
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public Outcome storyDeleted(long storyId, Long version) {
        Optional<Known> known = known(Task.STORY, storyId);
        if (known.isEmpty()) {
            return Outcome.IGNORED;
        }
        if (version != null && version < known.get().version()) {
            return Outcome.STALE;
        }
        archive(known.get().id(), REASON_DELETED, version);
        return Outcome.APPLIED;
    }

    /** The story changes of a story_create/update/delete/move activity ({@code new_values}), each skipped when older than what is known. */
    @Transactional(Transactional.TxType.MANDATORY)
    public Outcome activity(long integrationId, Activity activity) {
        if (!STORY_KINDS.contains(activity.kind())) {
            return Outcome.IGNORED;
        }
        long version = activity.projectVersion();
        long projectId = activity.projectId();
        String projectName = activity.project() == null ? null : activity.project().name();
        Outcome outcome = Outcome.IGNORED;
        for (Change change : activity.storyChanges()) {
            Outcome one = storyChange(integrationId, projectId, projectName, version, activity.kind(), change);
            if (one == Outcome.APPLIED || outcome == Outcome.IGNORED) {
                outcome = one;
            }
        }
        return outcome;
    }

    private Outcome storyChange(long integrationId, long projectId, String projectName, long version, String kind, Change change) {
        long storyId = change.id();
        Optional<Known> found = known(Task.STORY, storyId);
        if (found.isPresent() && !found.get().versionedIn(projectId)
                && change.newValue("project_id").filter(p -> p.isIntegralNumber() && p.longValue() == projectId).isEmpty()) {
            // a change seen in a project the story is not in (e.g. late news from the project it left)
            return Outcome.STALE;
        }
        if (found.isPresent() && found.get().versionedIn(projectId) && version <= found.get().version()) {
            return Outcome.STALE;
        }
        if (Change.DELETE.equals(change.changeType())) {
            if (found.isEmpty()) {
                return Outcome.IGNORED;
            }
            // a story leaving its project is a "delete" in that project's activity (fixtures/tracker/moves)
            archive(found.get().id(), MOVED_OUT.equals(kind) ? REASON_MOVED : REASON_DELETED, version);
            return Outcome.APPLIED;
        }
        long activityProject = projectTask(integrationId, projectId, projectName);
        long id;
        if (found.isEmpty()) {
            String name = text(change, "name").orElse(change.name() != null ? change.name() : "Story " + storyId);
            String type = text(change, "story_type").orElse(change.storyType());
            sql.update("insert into task (kind, parent_id, integration_id, tracker_id, name, story_type, url, version) "
                            + "values ('story', ?, ?, ?, ?, ?, ?, -1) on conflict (kind, tracker_id) where kind <> 'root' do nothing",
                    activityProject, integrationId, storyId, name, type, Resource.storyUrl(storyId));
            // created here, or by the snapshot consumer a moment ago
            Optional<Known> created = known(Task.STORY, storyId);
            if (created.orElseThrow().versionedIn(projectId) && version <= created.get().version()) {
                return Outcome.STALE;
            }
            id = created.get().id();
            if (created.get().version() >= 0) {
                found = created;
            }
        } else {
            id = found.get().id();
        }
        Optional<Known> known = found;
        sql.update("update task set version = ?, updated_at = now() where id = ?", version, id);
        // every change names the story (and its type) as they are at that version
        if (change.name() != null) {
            sql.update("update task set name = ? where id = ?", change.name(), id);
        }
        if (change.storyType() != null) {
            sql.update("update task set story_type = ? where id = ?", change.storyType(), id);
        }
        text(change, "name").ifPresent(v -> sql.update("update task set name = ? where id = ?", v, id));
        text(change, "story_type").ifPresent(v -> sql.update("update task set story_type = ? where id = ?", v, id));
        change.newValue("estimate").ifPresent(v -> sql.update("update task set estimate = ? where id = ?", v.isNumber() ? v.doubleValue() : null, id));
        Optional<String> state = text(change, "current_state");
        state.ifPresent(v -> sql.update("update task set current_state = ? where id = ?", v, id));

        Optional<Long> movedTo = change.newValue("project_id").filter(JsonNode::isIntegralNumber).map(JsonNode::longValue)
                .filter(p -> p != projectId || known.map(k -> !k.parentId().equals(activityProject)).orElse(false));
        if (movedTo.isPresent()) {
            Optional<Long> target = sql.one("select id from task where kind = 'project' and tracker_id = ? and archived_at is null",
                    rs -> rs.getLong(1), movedTo.get());
            if (target.isPresent()) {
                sql.update("update task set parent_id = ? where id = ?", target.get(), id);
                if (known.isPresent() && REASON_MOVED.equals(known.get().archivedReason())) {
                    unarchive(id);
                }
            } else {
                archive(id, REASON_MOVED, null);
                return Outcome.APPLIED;
            }
        } else if (known.isPresent() && REASON_MOVED.equals(known.get().archivedReason()) && change.newValue("project_id").isPresent()) {
            sql.update("update task set parent_id = ? where id = ?", activityProject, id);
            unarchive(id);
        }
        if (state.isPresent()) {
            if (ACCEPTED.equals(state.get())) {
                archive(id, REASON_ACCEPTED, null);
            } else {
                unarchive(id);
            }
        } else if (known.isEmpty() || REASON_DELETED.equals(known.get().archivedReason()) && Change.CREATE.equals(change.changeType())) {
            unarchive(id);
        }
        return Outcome.APPLIED;
    }

    private static Optional<String> text(Change change, String field) {
        return change.newValue(field).filter(JsonNode::isTextual).map(JsonNode::textValue);
    }

    /** Archives a task (no new time on it) and stops the timers running on it; a no-op when archived already. */
    private void archive(long taskId, String reason, Long version) {
        int changed = sql.update("update task set archived_at = now(), archived_reason = ?, updated_at = now()"
                + (version == null ? "" : ", version = greatest(version, " + version + ")")
                + " where id = ? and archived_at is null", reason, taskId);
        if (changed == 0) {
            sql.update("update task set archived_reason = ? where id = ?", reason, taskId);
        } else {
            timers.stopOn(List.of(taskId), Instant.now(), reason);
        }
    }

    private void unarchive(long taskId) {
        sql.update("update task set archived_at = null, archived_reason = null, updated_at = now() where id = ? and archived_at is not null", taskId);
    }
}
