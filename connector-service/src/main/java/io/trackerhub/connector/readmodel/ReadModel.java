package io.trackerhub.connector.readmodel;

import com.fasterxml.jackson.databind.JsonNode;
import io.trackerhub.events.activity.Activity;
import io.trackerhub.events.activity.Change;
import io.trackerhub.events.kafka.ActivityRecord;
import io.trackerhub.events.kafka.SnapshotKind;
import io.trackerhub.events.vocabulary.StoryStates;
import io.trackerhub.kit.inbox.Inbox;
import io.trackerhub.kit.jdbc.Sql;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Applies consumed events to the read model, a poll at a time in one transaction together with the inbox records of
 * their {@code ce_id}s: a duplicate or replayed event changes nothing. Latest version wins: a row remembers the
 * Tracker project version it was last changed at, and a snapshot or activity older than that (in the same project)
 * is stale and skipped. A tombstone marks the row deleted (kept, so that a late older snapshot cannot revive it).
 */
@ApplicationScoped
class ReadModel {

    public enum Outcome { APPLIED, STALE, DUPLICATE }

    /** Inbox consumer names, one per topic. */
    static final String PROJECTS = "connector.readmodel.projects";
    static final String EPICS = "connector.readmodel.epics";
    static final String STORIES = "connector.readmodel.stories";
    static final String NOTIFICATIONS = "connector.readmodel.notifications";
    static final String ACTIVITY = "connector.readmodel.activity";

    /**
     * A row is changed by a newer snapshot of its project, or by one of another project (the story moved; versions are
     * per project, so there the later {@code updated_at} wins: a move changes it, and the source's last snapshot may
     * arrive after the destination's).
     */
    private static final String NEWER = " where (%1$s.project_id = excluded.project_id and %1$s.version <= excluded.version)"
            + " or (%1$s.project_id <> excluded.project_id and (%1$s.updated_at is null or excluded.updated_at is null"
            + " or %1$s.updated_at <= excluded.updated_at))";
    /** A tombstone removes the row only in its own project: the source of a move never deletes the destination's row. */
    private static final String SAME_PROJECT_NEWER = " where %1$s.project_id = excluded.project_id and %1$s.version <= excluded.version";

    private static final String UPSERT_STORY = "insert into rm_story (id, project_id, integration_id, name, description, story_type, "
            + "current_state, estimate, label_ids, labels, owner_ids, requested_by_id, url, external_id, tracker_integration_id, deadline, "
            + "accepted_at, created_at, updated_at, version, deleted_at, event_time) "
            + "values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, null, ?) on conflict (id) do update set "
            + "project_id = excluded.project_id, integration_id = excluded.integration_id, name = excluded.name, "
            + "description = excluded.description, story_type = excluded.story_type, current_state = excluded.current_state, "
            + "estimate = excluded.estimate, label_ids = excluded.label_ids, labels = excluded.labels, owner_ids = excluded.owner_ids, "
            + "requested_by_id = excluded.requested_by_id, url = excluded.url, external_id = excluded.external_id, "
            + "tracker_integration_id = excluded.tracker_integration_id, deadline = excluded.deadline, accepted_at = excluded.accepted_at, "
            + "created_at = excluded.created_at, updated_at = excluded.updated_at, version = excluded.version, deleted_at = null, "
            + "event_time = excluded.event_time" + NEWER.formatted("rm_story");

    private static final String UPSERT_EPIC = "insert into rm_epic (id, project_id, integration_id, name, description, label_id, label, url, "
            + "version, created_at, updated_at, deleted_at, event_time) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, null, ?) "
            + "on conflict (id) do update set project_id = excluded.project_id, integration_id = excluded.integration_id, "
            + "name = excluded.name, description = excluded.description, label_id = excluded.label_id, label = excluded.label, "
            + "url = excluded.url, version = excluded.version, created_at = excluded.created_at, updated_at = excluded.updated_at, "
            + "deleted_at = null, event_time = excluded.event_time" + NEWER.formatted("rm_epic");

    private static final String UPSERT_PROJECT = "insert into rm_project (id, integration_id, name, description, version, account_id, "
            + "iteration_length, week_start_day, point_scale, public, project_type, current_iteration_number, current_velocity, "
            + "start_time, created_at, updated_at, deleted_at, event_time) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, null, ?) "
            + "on conflict (id) do update set integration_id = excluded.integration_id, name = excluded.name, "
            + "description = excluded.description, version = excluded.version, account_id = excluded.account_id, "
            + "iteration_length = excluded.iteration_length, week_start_day = excluded.week_start_day, point_scale = excluded.point_scale, "
            + "public = excluded.public, project_type = excluded.project_type, current_iteration_number = excluded.current_iteration_number, "
            + "current_velocity = excluded.current_velocity, start_time = excluded.start_time, created_at = excluded.created_at, "
            + "updated_at = excluded.updated_at, deleted_at = null, event_time = excluded.event_time where rm_project.version <= excluded.version";

    private static final String UPSERT_NOTIFICATION = "insert into rm_notification (id, integration_id, project_id, project_name, "
            + "performer_id, performer_name, message, context, notification_type, action, story_id, story_name, epic_id, epic_name, "
            + "comment_id, read_at, created_at, updated_at, event_time) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
            + "on conflict (id) do update set integration_id = excluded.integration_id, project_id = excluded.project_id, "
            + "project_name = excluded.project_name, performer_id = excluded.performer_id, performer_name = excluded.performer_name, "
            + "message = excluded.message, context = excluded.context, notification_type = excluded.notification_type, "
            + "action = excluded.action, story_id = excluded.story_id, story_name = excluded.story_name, epic_id = excluded.epic_id, "
            + "epic_name = excluded.epic_name, comment_id = excluded.comment_id, read_at = excluded.read_at, "
            + "created_at = excluded.created_at, updated_at = excluded.updated_at, event_time = excluded.event_time "
            + "where rm_notification.updated_at is null or excluded.updated_at is null or rm_notification.updated_at <= excluded.updated_at";

    /** A tombstone: the row is kept, marked deleted; an unknown id gets a deleted row so that an older snapshot stays out. */
    private static final String TOMBSTONE = "insert into %1$s (id, %2$sversion, deleted_at, event_time) values (?, %3$s?, ?, ?) "
            + "on conflict (id) do update set deleted_at = excluded.deleted_at, version = excluded.version, event_time = excluded.event_time";

    private final Sql sql;
    private final Inbox inbox;

    public ReadModel(Sql sql, Inbox inbox) {
        this.sql = sql;
        this.inbox = inbox;
    }

    /**
     * One poll of a snapshot topic. SQL: batch upserts whose guard ("latest version wins") is part of the one statement
     * a row; no entity round trip per row.
     */
    @Transactional
    public Map<Outcome, Integer> applySnapshots(SnapshotKind kind, List<SnapshotEvent> events) {
        Map<Outcome, Integer> counts = counts();
        List<SnapshotEvent> fresh = fresh(consumer(kind), events, e -> e.meta().id(), counts);
        if (fresh.isEmpty()) {
            return counts;
        }
        String table = table(kind);
        String upsert = kind == SnapshotKind.STORY ? UPSERT_STORY : kind == SnapshotKind.EPIC ? UPSERT_EPIC : UPSERT_PROJECT;
        String tombstone = kind == SnapshotKind.PROJECT ? TOMBSTONE.formatted(table, "", "") + " where rm_project.version <= excluded.version"
                : TOMBSTONE.formatted(table, "project_id, ", "?, ") + SAME_PROJECT_NEWER.formatted(table);
        Instant deletedAt = Instant.now();
        // sent in batches (one round trip each), in order: a run of upserts, then a run of tombstones, ... so that a
        // story seen twice in one poll ends as the later record says
        List<Object[]> run = new ArrayList<>();
        boolean tombstones = false;
        for (SnapshotEvent e : fresh) {
            if (!run.isEmpty() && e.tombstone() != tombstones) {
                count(run.size(), sql.batch(tombstones ? tombstone : upsert, run, run.size()), counts);
                run = new ArrayList<>();
            }
            tombstones = e.tombstone();
            run.add(e.tombstone() ? tombstone(kind, e, deletedAt) : values(kind, e));
        }
        count(run.size(), sql.batch(tombstones ? tombstone : upsert, run, run.size()), counts);
        fresher(dataset(kind), fresh.stream().map(SnapshotEvent::time).toList());
        return counts;
    }

    private static Object[] tombstone(SnapshotKind kind, SnapshotEvent e, Instant deletedAt) {
        return kind == SnapshotKind.PROJECT ? Json.params(e.id(), e.version(), deletedAt, e.time())
                : Json.params(e.id(), e.projectId(), e.version(), deletedAt, e.time());
    }

    /** One poll of {@code tracker.notifications}: the latest {@code updated_at} of a notification wins. */
    @Transactional
    public Map<Outcome, Integer> applyNotifications(List<NotificationEvent> events) {
        Map<Outcome, Integer> counts = counts();
        List<NotificationEvent> fresh = fresh(NOTIFICATIONS, events, NotificationEvent::inboxId, counts);
        if (fresh.isEmpty()) {
            return counts;
        }
        List<Object[]> rows = new ArrayList<>();
        for (NotificationEvent e : fresh) {
            JsonNode n = e.item();
            JsonNode project = n.get("project");
            JsonNode performer = n.get("performer");
            JsonNode story = n.get("story");
            JsonNode epic = n.get("epic");
            rows.add(Json.params(e.id(), e.meta().integrationId(), Json.number(project, "id"), Json.text(project, "name"),
                    Json.number(performer, "id"), Json.text(performer, "name"), Json.text(n, "message"), Json.text(n, "context"),
                    Json.text(n, "notification_type"), Json.text(n, "action"), Json.number(story, "id"), Json.text(story, "name"),
                    Json.number(epic, "id"), Json.text(epic, "name"), Json.number(n, "comment_id"), Json.time(n, "read_at"),
                    Json.time(n, "created_at"), updated(n, e.meta().time()), e.meta().time()));
        }
        // SQL: one batch of upserts, each guarded by updated_at in its statement
        count(rows.size(), sql.batch(UPSERT_NOTIFICATION, rows, rows.size()), counts);
        fresher("notifications", fresh.stream().map(e -> e.meta().time()).toList());
        return counts;
    }

    /**
     * One poll of {@code tracker.activity}: story changes newer than the stored row (state, name, type, estimate,
     * deadline, accepted_at, updated_at; the first start as {@code started_at}; deletes) reach the datasets before the
     * poller's next snapshot. A story not known yet is left to its snapshot.
     */
    @Transactional
    public Map<Outcome, Integer> applyActivities(List<ActivityRecord> events) {
        Map<Outcome, Integer> counts = counts();
        List<ActivityRecord> fresh = fresh(ACTIVITY, events, ActivityRecord::id, counts);
        if (fresh.isEmpty()) {
            return counts;
        }
        List<Instant> times = new ArrayList<>();
        for (ActivityRecord event : fresh) {
            Activity a = event.activity();
            boolean changed = false;
            for (Change change : a.storyChanges()) {
                changed |= storyChange(a, change);
            }
            counts.merge(changed ? Outcome.APPLIED : Outcome.STALE, 1, Integer::sum);
            if (changed) {
                times.add(a.occurredAt());
            }
        }
        fresher("stories", times);
        return counts;
    }

    /** SQL: a guarded update of the columns the change names (a partial update no entity write expresses). */
    private boolean storyChange(Activity a, Change change) {
        long version = a.projectVersion();
        Instant at = a.occurredAt();
        if (Change.DELETE.equals(change.changeType())) {
            return sql.update("update rm_story set deleted_at = ?, version = ?, event_time = ? where id = ? and project_id = ? and version < ?",
                    Json.params(at, version, at, change.id(), a.projectId(), version)) == 1;
        }
        JsonNode values = change.newValues();
        if (values == null) {
            return false;
        }
        String state = Json.text(values, "current_state");
        StringBuilder update = new StringBuilder("update rm_story set version = ?, event_time = ?, updated_at = greatest(updated_at, ?)");
        List<Object> args = new ArrayList<>(List.of(version, at, updatedAt(values, at)));
        for (String field : List.of("name", "description", "story_type", "current_state")) {
            if (values.has(field)) {
                update.append(", ").append(field).append(" = ?");
                args.add(Json.text(values, field));
            }
        }
        if (values.has("estimate")) {
            update.append(", estimate = ?");
            args.add(Json.decimal(values, "estimate"));
        }
        for (String field : List.of("deadline", "accepted_at")) {
            if (values.has(field)) {
                update.append(", ").append(field).append(" = ?");
                args.add(Json.time(values, field));
            }
        }
        if (StoryStates.STARTED.equals(state)) {
            update.append(", started_at = coalesce(started_at, ?)");
            args.add(at);
        }
        if (StoryStates.ACCEPTED.equals(state) && !values.has("accepted_at")) {
            update.append(", accepted_at = coalesce(accepted_at, ?)");
            args.add(at);
        }
        update.append(" where id = ? and project_id = ? and version < ? and deleted_at is null");
        args.addAll(List.of(change.id(), a.projectId(), version));
        return sql.update(update.toString(), Json.params(args.toArray())) == 1;
    }

    /** Rows are paged by (updated_at, id), so every live row has an updated_at: Tracker's, else created_at, else the event's time. */
    private static Instant updated(JsonNode n, Instant eventTime) {
        Instant updated = Json.time(n, "updated_at");
        if (updated == null) {
            updated = Json.time(n, "created_at");
        }
        return updated != null ? updated : eventTime != null ? eventTime : Instant.EPOCH;
    }

    private static Instant updatedAt(JsonNode values, Instant occurredAt) {
        Instant updated = Json.time(values, "updated_at");
        return updated != null ? updated : occurredAt;
    }

    /** The upsert's parameters of a snapshot. */
    private static Object[] values(SnapshotKind kind, SnapshotEvent e) {
        JsonNode n = e.state();
        Long integration = e.meta().integrationId();
        Object[] values = switch (kind) {
            case STORY -> {
                List<String> labels = new ArrayList<>();
                List<Long> labelIds = new ArrayList<>(Json.numbers(n, "label_ids"));
                JsonNode list = n.get("labels");
                if (list != null && list.isArray()) {
                    for (JsonNode label : list) {
                        if (label.hasNonNull("name")) {
                            labels.add(label.get("name").asText());
                        }
                        Long id = Json.number(label, "id");
                        if (id != null && !labelIds.contains(id)) {
                            labelIds.add(id);
                        }
                    }
                }
                List<Long> owners = Json.numbers(n, "owner_ids");
                Long ownedBy = Json.number(n, "owned_by_id");
                if (owners.isEmpty() && ownedBy != null) {
                    owners.add(ownedBy);
                }
                yield new Object[]{e.id(), e.projectId(), integration, Json.text(n, "name"), Json.text(n, "description"),
                        Json.text(n, "story_type"), Json.text(n, "current_state"), Json.decimal(n, "estimate"),
                        labelIds.toArray(Long[]::new), labels.toArray(String[]::new), owners.toArray(Long[]::new), Json.number(n, "requested_by_id"), Json.text(n, "url"),
                        Json.text(n, "external_id"), Json.number(n, "integration_id"), Json.time(n, "deadline"), Json.time(n, "accepted_at"),
                        Json.time(n, "created_at"), updated(n, e.time()), e.version(), e.time()};
            }
            case EPIC -> {
                JsonNode label = n.get("label");
                Long labelId = Json.number(n, "label_id");
                yield new Object[]{e.id(), e.projectId(), integration, Json.text(n, "name"), Json.text(n, "description"),
                        labelId != null ? labelId : Json.number(label, "id"), Json.text(label, "name"), Json.text(n, "url"), e.version(),
                        Json.time(n, "created_at"), updated(n, e.time()), e.time()};
            }
            case PROJECT -> new Object[]{e.id(), integration, Json.text(n, "name"), Json.text(n, "description"), e.version(),
                    Json.number(n, "account_id"), integer(Json.number(n, "iteration_length")), Json.text(n, "week_start_day"),
                    Json.text(n, "point_scale"), Json.bool(n, "public"), Json.text(n, "project_type"),
                    integer(Json.number(n, "current_iteration_number")), Json.decimal(n, "current_velocity"), Json.time(n, "start_time"),
                    Json.time(n, "created_at"), updated(n, e.time()), e.time()};
        };
        return Json.params(values);
    }

    private static Integer integer(Long value) {
        return value == null ? null : value.intValue();
    }

    /** One batch's outcome: the rows it changed were applied, the others refused by the guard (stale). */
    private static void count(int rows, int changed, Map<Outcome, Integer> counts) {
        if (changed > 0) {
            counts.merge(Outcome.APPLIED, changed, Integer::sum);
        }
        if (rows > changed) {
            counts.merge(Outcome.STALE, rows - changed, Integer::sum);
        }
    }

    /** Records the events' ids in the inbox and returns the events seen for the first time, each once, in order. */
    private <T> List<T> fresh(String consumer, List<T> events, Function<T, String> id, Map<Outcome, Integer> counts) {
        if (events.isEmpty()) {
            return List.of();
        }
        Set<String> fresh = new HashSet<>(inbox.markProcessedIfNew(consumer, events.stream().map(id).toList()));
        List<T> out = new ArrayList<>();
        for (T e : events) {
            if (fresh.remove(id.apply(e))) {
                out.add(e);
            } else {
                counts.merge(Outcome.DUPLICATE, 1, Integer::sum);
            }
        }
        return out;
    }

    /** as_of of a dataset: the time of the newest event applied to it. */
    private void fresher(String dataset, List<Instant> times) {
        Instant newest = times.stream().filter(t -> t != null).max(Instant::compareTo).orElse(null);
        if (newest == null) {
            return;
        }
        // SQL: an upsert keeping the greater time, in one statement
        sql.update("insert into rm_freshness (dataset, as_of) values (?, ?) "
                + "on conflict (dataset) do update set as_of = greatest(rm_freshness.as_of, excluded.as_of)", Json.params(dataset, newest));
    }

    private static Map<Outcome, Integer> counts() {
        return new EnumMap<>(Outcome.class);
    }

    static String consumer(SnapshotKind kind) {
        return switch (kind) {
            case STORY -> STORIES;
            case EPIC -> EPICS;
            case PROJECT -> PROJECTS;
        };
    }

    /** The dataset a snapshot topic feeds (its row in rm_freshness). */
    static String dataset(SnapshotKind kind) {
        return switch (kind) {
            case STORY -> "stories";
            case EPIC -> "epics";
            case PROJECT -> "projects";
        };
    }

    static String table(SnapshotKind kind) {
        return switch (kind) {
            case STORY -> "rm_story";
            case EPIC -> "rm_epic";
            case PROJECT -> "rm_project";
        };
    }
}
