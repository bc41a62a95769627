package io.trackerhub.timesheet.tasks;

import com.fasterxml.jackson.databind.JsonNode;
import io.trackerhub.events.activity.Activity;
import io.trackerhub.events.activity.Change;
import io.trackerhub.events.activity.Resource;
import io.trackerhub.events.rest.Project;
import io.trackerhub.events.rest.Story;
import io.trackerhub.events.vocabulary.ActivityKinds;
import io.trackerhub.events.vocabulary.StoryStates;
import io.trackerhub.kit.jdbc.Sql;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Keeps the imported task tree in step with Tracker: project and story snapshots, and story activity from web hooks
 * before the next snapshot. Every change carries the Tracker project version it happened at; a task remembers the
 * version of the last change applied, so older changes are skipped and later ones (snapshots included) win.
 * Callers hold the transaction in which the event's {@code ce_id} is recorded.
 */
@ApplicationScoped
public class TrackerImport {

    public enum Outcome { APPLIED, STALE, IGNORED }

    static final String REASON_ACCEPTED = "accepted";
    static final String REASON_DELETED = "deleted";
    static final String REASON_MOVED = "moved out of its project";
    static final String REASON_REMOVED = "project removed";

    /** Activity kinds whose story changes are applied (Tracker's story_create/update/delete/move family). */
    static final Set<String> STORY_KINDS = Stream.concat(
            Stream.of(ActivityKinds.STORY_CREATE, ActivityKinds.STORY_UPDATE, ActivityKinds.STORY_DELETE),
            ActivityKinds.STORY_MOVES.stream()).collect(Collectors.toUnmodifiableSet());

    /** A stored story or project, locked; {@code projectId} is the Tracker id of a story's project (its versions count there). */
    private record Known(Task task, Long projectId) {

        long version() {
            return task.version;
        }

        /** Versions are per Tracker project: one from another project says nothing about this story's. */
        boolean versionedIn(long trackerProjectId) {
            return projectId == null || projectId == trackerProjectId;
        }
    }

    private final Sql sql;
    private final Event<TasksArchived> archived;

    public TrackerImport(Sql sql, Event<TasksArchived> archived) {
        this.sql = sql;
        this.archived = archived;
    }

    /** The "Pivotal Tracker" root of an integration, created on first sight. */
    long root(long integrationId) {
        // SQL for "on conflict do nothing": the project and story consumers may create the same root at once
        sql.update("insert into task (kind, integration_id, name) values ('root', ?, ?) "
                + "on conflict (integration_id) where kind = 'root' do nothing", integrationId, Task.ROOT_NAME);
        return id("kind = 'root' and t.integrationId = :id", integrationId);
    }

    /** The task of a project, created (named {@code nameIfNew}) when a story or activity names it before its snapshot. */
    long projectTask(long integrationId, long projectId, String nameIfNew) {
        long root = root(integrationId);
        // SQL for "on conflict do nothing": a story, an activity and the project's snapshot may create it at once
        sql.update("insert into task (kind, parent_id, integration_id, tracker_id, name) values ('project', ?, ?, ?, ?) "
                        + "on conflict (kind, tracker_id) where kind <> 'root' do nothing",
                root, integrationId, projectId, nameIfNew == null || nameIfNew.isBlank() ? "Project " + projectId : nameIfNew);
        return id("kind = 'project' and t.trackerId = :id", projectId);
    }

    /** The id alone (no entity loaded unlocked into the session). */
    private static long id(String where, long value) {
        return Task.getEntityManager().createQuery("select t.id from Task t where t." + where, Long.class)
                .setParameter("id", value).getSingleResult();
    }

    /** The task, locked for the rest of the transaction: consumers of other topics may change the same story. */
    private static Optional<Known> known(String kind, long trackerId) {
        Optional<Task> task = Task.<Task>find("kind = ?1 and trackerId = ?2", kind, trackerId)
                .withLock(LockModeType.PESSIMISTIC_WRITE).singleResultOptional();
        return task.map(t -> new Known(t, Task.STORY.equals(t.kind) && t.parentId != null
                ? Task.<Task>findByIdOptional(t.parentId).map(p -> p.trackerId).orElse(null) : null));
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public Outcome project(long integrationId, long projectId, Project snapshot, Long version) {
        projectTask(integrationId, projectId, snapshot.name());
        Known known = known(Task.PROJECT, projectId).orElseThrow();
        if (version != null && version < known.version()) {
            return Outcome.STALE;
        }
        Task task = known.task();
        if (snapshot.name() != null) {
            task.name = snapshot.name();
        }
        task.integrationId = integrationId;
        task.parentId = root(integrationId);
        task.version = Math.max(task.version, version == null ? task.version : version);
        task.archivedAt = null;
        task.archivedReason = null;
        task.updatedAt = Instant.now();
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
        archive(known.get().task(), REASON_REMOVED, version);
        List<Long> stories = Task.<Task>list("parentId", known.get().task().id).stream().map(t -> t.id).toList();
        if (!stories.isEmpty()) {
            archived.fire(new TasksArchived(stories, Instant.now(), REASON_REMOVED));
        }
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
        boolean accepted = StoryStates.ACCEPTED.equals(snapshot.currentState());
        String url = snapshot.url() != null ? snapshot.url() : Resource.storyUrl(storyId);
        String name = snapshot.name() != null ? snapshot.name() : "Story " + storyId;
        long v = version != null ? version : known.map(Known::version).orElse(-1L);
        if (known.isEmpty()) {
            // SQL for "on conflict do nothing": the activity consumer may create the same story at this moment
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
        Task task = known.get().task();
        // a snapshot is the whole story: it also brings a deleted or moved story back
        task.version = known.get().versionedIn(projectId) ? Math.max(task.version, v) : v;
        task.parentId = parent;
        task.integrationId = integrationId;
        task.name = name;
        task.storyType = snapshot.storyType();
        task.currentState = snapshot.currentState();
        task.estimate = snapshot.estimate();
        task.url = url;
        task.updatedAt = Instant.now();
        if (accepted) {
            archive(task, REASON_ACCEPTED, null);
        } else {
            task.unarchive(Instant.now());
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
        archive(known.get().task(), REASON_DELETED, version);
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
            archive(found.get().task(), ActivityKinds.STORY_MOVE_FROM.equals(kind) ? REASON_MOVED : REASON_DELETED, version);
            return Outcome.APPLIED;
        }
        long activityProject = projectTask(integrationId, projectId, projectName);
        if (found.isEmpty()) {
            createStory(integrationId, activityProject, storyId, change);
            // created here, or by the snapshot consumer a moment ago (then it counts as known)
            Known created = known(Task.STORY, storyId).orElseThrow();
            if (created.versionedIn(projectId) && version <= created.version()) {
                return Outcome.STALE;
            }
            if (created.version() >= 0) {
                found = Optional.of(created);
            }
            return applyChange(found.isPresent(), created.task(), projectId, activityProject, version, change);
        }
        return applyChange(true, found.get().task(), projectId, activityProject, version, change);
    }

    /** A story an activity names before any snapshot did, at version -1 (the change applied next sets it). */
    private void createStory(long integrationId, long projectTask, long storyId, Change change) {
        String name = text(change, "name").orElse(change.name() != null ? change.name() : "Story " + storyId);
        String type = text(change, "story_type").orElse(change.storyType());
        // SQL for "on conflict do nothing": the snapshot consumer may create the same story at this moment
        sql.update("insert into task (kind, parent_id, integration_id, tracker_id, name, story_type, url, version) "
                        + "values ('story', ?, ?, ?, ?, ?, ?, -1) on conflict (kind, tracker_id) where kind <> 'root' do nothing",
                projectTask, integrationId, storyId, name, type, Resource.storyUrl(storyId));
    }

    /** One story change's new values, its move and its state; {@code existed}: the story was known before it. */
    private Outcome applyChange(boolean existed, Task task, long projectId, long activityProject, long version, Change change) {
        Long parentBefore = task.parentId;
        String reasonBefore = existed ? task.archivedReason : null;
        task.version = version;
        task.updatedAt = Instant.now();
        // every change names the story (and its type) as they are at that version
        if (change.name() != null) {
            task.name = change.name();
        }
        if (change.storyType() != null) {
            task.storyType = change.storyType();
        }
        text(change, "name").ifPresent(v -> task.name = v);
        text(change, "story_type").ifPresent(v -> task.storyType = v);
        change.newValue("estimate").ifPresent(v -> task.estimate = v.isNumber() ? v.doubleValue() : null);
        Optional<String> state = text(change, "current_state");
        state.ifPresent(v -> task.currentState = v);

        Optional<Long> movedTo = change.newValue("project_id").filter(JsonNode::isIntegralNumber).map(JsonNode::longValue)
                .filter(p -> p != projectId || existed && !Long.valueOf(activityProject).equals(parentBefore));
        if (movedTo.isPresent()) {
            Optional<Long> target = Task.getEntityManager().createQuery("select t.id from Task t where t.kind = 'project' "
                    + "and t.trackerId = :id and t.archivedAt is null", Long.class).setParameter("id", movedTo.get()).getResultStream().findFirst();
            if (target.isEmpty()) {
                archive(task, REASON_MOVED, null);
                return Outcome.APPLIED;
            }
            task.parentId = target.get();
            if (REASON_MOVED.equals(reasonBefore)) {
                task.unarchive(Instant.now());
            }
        } else if (REASON_MOVED.equals(reasonBefore) && change.newValue("project_id").isPresent()) {
            task.parentId = activityProject;
            task.unarchive(Instant.now());
        }
        if (state.isPresent()) {
            if (StoryStates.ACCEPTED.equals(state.get())) {
                archive(task, REASON_ACCEPTED, null);
            } else {
                task.unarchive(Instant.now());
            }
        } else if (!existed || REASON_DELETED.equals(reasonBefore) && Change.CREATE.equals(change.changeType())) {
            task.unarchive(Instant.now());
        }
        return Outcome.APPLIED;
    }

    private static Optional<String> text(Change change, String field) {
        return change.newValue(field).filter(JsonNode::isTextual).map(JsonNode::textValue);
    }

    /** Archives a task (no new time on it) and stops the timers running on it; only the reason changes when archived already. */
    private void archive(Task task, String reason, Long version) {
        if (task.archivedAt != null) {
            task.archivedReason = reason;
            return;
        }
        task.archive(reason, Instant.now());
        if (version != null) {
            task.version = Math.max(task.version, version);
        }
        archived.fire(new TasksArchived(List.of(task.id), Instant.now(), reason));
    }
}
