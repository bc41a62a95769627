package io.trackerhub.connector.datasets;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import static io.trackerhub.connector.datasets.Column.bool;
import static io.trackerhub.connector.datasets.Column.list;
import static io.trackerhub.connector.datasets.Column.number;
import static io.trackerhub.connector.datasets.Column.text;
import static io.trackerhub.connector.datasets.Column.time;

/**
 * The datasets of the read model, each with its columns in their fixed order (the CSV header and the JSON fields)
 * and the filters it takes. Rows are read from the table aliased {@code t}; deleted rows are never shown.
 */
public enum Dataset {

    PROJECTS("projects", "rm_project", "id", "projects", Set.of(), List.of(
            number("id", "t.id"),
            text("name", "t.name"),
            text("description", "t.description"),
            number("version", "t.version"),
            number("account_id", "t.account_id"),
            number("iteration_length", "t.iteration_length"),
            text("week_start_day", "t.week_start_day"),
            text("point_scale", "t.point_scale"),
            bool("public", "t.public"),
            text("project_type", "t.project_type"),
            number("current_iteration_number", "t.current_iteration_number"),
            number("current_velocity", "t.current_velocity"),
            time("start_time", "t.start_time"),
            time("created_at", "t.created_at"),
            time("updated_at", "t.updated_at"))),

    EPICS("epics", "rm_epic", "project_id", "epics", Set.of(), List.of(
            number("id", "t.id"),
            number("project_id", "t.project_id"),
            text("project_name", "(select p.name from rm_project p where p.id = t.project_id)"),
            text("name", "t.name"),
            text("description", "t.description"),
            text("label", "t.label"),
            text("url", "t.url"),
            time("created_at", "t.created_at"),
            time("updated_at", "t.updated_at"))),

    STORIES("stories", "rm_story", "project_id", "stories", Set.of("state", "story_type"), List.of(
            number("id", "t.id"),
            number("project_id", "t.project_id"),
            text("project_name", "(select p.name from rm_project p where p.id = t.project_id)"),
            text("name", "t.name"),
            text("description", "t.description"),
            text("story_type", "t.story_type"),
            text("current_state", "t.current_state"),
            number("estimate", "t.estimate"),
            list("labels", "t.labels"),
            list("epics", "array(select e.name from rm_epic e where e.label_id = any (t.label_ids) and e.deleted_at is null order by e.name)"),
            list("owner_ids", "t.owner_ids"),
            number("requested_by_id", "t.requested_by_id"),
            text("url", "t.url"),
            // the ticket the story is linked to: a connector link, else Tracker's own external_id of an imported story
            text("external_id", "coalesce((select l.external_id from link l where l.story_id = t.id order by l.id limit 1), t.external_id)"),
            text("integration_url", "(select l.external_url from link l where l.story_id = t.id order by l.id limit 1)"),
            time("deadline", "t.deadline"),
            time("started_at", "t.started_at"),
            time("accepted_at", "t.accepted_at"),
            time("created_at", "t.created_at"),
            time("updated_at", "t.updated_at"))),

    NOTIFICATIONS("notifications", "rm_notification", "project_id", "notifications", Set.of(), List.of(
            number("id", "t.id"),
            number("project_id", "t.project_id"),
            text("project_name", "t.project_name"),
            number("performer_id", "t.performer_id"),
            text("performer_name", "t.performer_name"),
            text("message", "t.message"),
            text("context", "t.context"),
            text("notification_type", "t.notification_type"),
            text("action", "t.action"),
            number("story_id", "t.story_id"),
            text("story_name", "t.story_name"),
            number("epic_id", "t.epic_id"),
            text("epic_name", "t.epic_name"),
            number("comment_id", "t.comment_id"),
            time("read_at", "t.read_at"),
            time("created_at", "t.created_at"),
            time("updated_at", "t.updated_at")));

    private final String wire;
    private final String table;
    private final String projectColumn;
    private final String freshness;
    private final Set<String> storyFilters;
    private final List<Column> columns;

    Dataset(String wire, String table, String projectColumn, String freshness, Set<String> storyFilters, List<Column> columns) {
        this.wire = wire;
        this.table = table;
        this.projectColumn = projectColumn;
        this.freshness = freshness;
        this.storyFilters = storyFilters;
        this.columns = columns;
    }

    public String wire() {
        return wire;
    }

    String table() {
        return table;
    }

    /** The column {@code project_id=} filters on ({@code id} for projects). */
    String projectColumn() {
        return projectColumn;
    }

    /** The row of {@code rm_freshness} that says how fresh the dataset is. */
    String freshness() {
        return freshness;
    }

    boolean takes(String filter) {
        return storyFilters.contains(filter);
    }

    public List<Column> columns() {
        return columns;
    }

    public List<String> names() {
        return columns.stream().map(Column::name).toList();
    }

    public static Optional<Dataset> of(String wire) {
        return Arrays.stream(values()).filter(d -> d.wire.equals(wire)).findFirst();
    }
}
