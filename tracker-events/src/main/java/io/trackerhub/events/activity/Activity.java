package io.trackerhub.events.activity;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.databind.JsonNode;
import io.trackerhub.events.json.ReadOnly;
import io.trackerhub.events.json.TrackerResource;
import io.trackerhub.events.json.TrackerTime;
import io.trackerhub.events.kafka.CloudEventHeaders;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One Tracker v5 activity: what happened ({@code kind}, {@code changes}), to what
 * ({@code primary_resources}), by whom and when. Any {@code kind} is valid, including ones this
 * code has never heard of. Fields Tracker sends that are not named here are kept in
 * {@code others} and written back out. A null list means the field was absent, an empty list
 * that Tracker sent {@code []}.
 *
 * <p>An activity that came out of {@link Activities} always has {@code kind}, {@code guid},
 * {@code project_version}, {@code project.id} and {@code occurred_at}.
 */
@TrackerResource
public record Activity(
        String kind,
        String guid,
        Long projectVersion,
        String message,
        String highlight,
        List<Change> changes,
        List<Resource> primaryResources,
        List<Resource> secondaryResources,
        Resource project,
        Person performedBy,
        @TrackerTime Instant occurredAt,
        @JsonAnySetter @JsonAnyGetter Map<String, JsonNode> others) {

    public Activity {
        changes = ReadOnly.list(changes);
        primaryResources = ReadOnly.list(primaryResources);
        secondaryResources = ReadOnly.list(secondaryResources);
        others = ReadOnly.fields(others);
    }

    /** The project the activity belongs to: {@code project.id}, else the first part of the guid. */
    public long projectId() {
        if (project != null && project.id() != null) {
            return project.id();
        }
        if (guid != null && guid.indexOf('_') > 0) {
            return Long.parseLong(guid.substring(0, guid.indexOf('_')));
        }
        throw new IllegalStateException("activity " + kind + " has neither project.id nor guid");
    }

    /** The id of the first primary resource that has one (the story, epic, label… acted on). */
    public Optional<Long> primaryResourceId() {
        if (primaryResources == null) {
            return Optional.empty();
        }
        return primaryResources.stream().map(Resource::id).filter(id -> id != null).findFirst();
    }

    /** The CloudEvents type of this activity, e.g. {@code tracker.activity.story_update_activity}. */
    public String ceType() {
        return CloudEventHeaders.activityType(kind);
    }

    /** The changes to resources of one kind ({@code story}, {@code comment}, {@code task}…), never null. */
    public List<Change> changesOf(String resourceKind) {
        if (changes == null) {
            return List.of();
        }
        return changes.stream().filter(c -> resourceKind.equals(c.kind())).toList();
    }

    /**
     * The changes to stories, each with its id; a {@code story_delete_activity} deletes too every story it lists in
     * {@code primary_resources} without a change of its own (Tracker lists each deleted story there, as the recorded
     * 14-story delete shows; a body from elsewhere may carry fewer changes).
     */
    public List<Change> storyChanges() {
        List<Change> stories = new java.util.ArrayList<>(changesOf("story").stream().filter(c -> c.id() != null).toList());
        if ("story_delete_activity".equals(kind) && primaryResources != null) {
            java.util.Set<Long> listed = new java.util.HashSet<>(stories.stream().map(Change::id).toList());
            for (Resource resource : primaryResources) {
                if ("story".equals(resource.kind()) && resource.id() != null && listed.add(resource.id())) {
                    stories.add(new Change("story", Change.DELETE, resource.id(), resource.name(), resource.storyType(), null, null, Map.of()));
                }
            }
        }
        return stories;
    }

    /** The same activity with other values for its identity fields; used when one is derived from another. */
    Activity withIdentity(String guid, Long projectVersion, Resource project) {
        return new Activity(kind, guid, projectVersion, message, highlight, changes, primaryResources,
                secondaryResources, project, performedBy, occurredAt, others);
    }
}
