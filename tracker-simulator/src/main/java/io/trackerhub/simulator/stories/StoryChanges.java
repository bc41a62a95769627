package io.trackerhub.simulator.stories;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.trackerhub.events.TrackerJson;
import io.trackerhub.events.activity.Activity;
import io.trackerhub.events.activity.Change;
import io.trackerhub.events.activity.Person;
import io.trackerhub.events.json.Timestamps;
import io.trackerhub.events.rest.Comment;
import io.trackerhub.events.rest.Label;
import io.trackerhub.events.rest.Story;
import io.trackerhub.events.rest.StoryTransition;
import io.trackerhub.events.rest.Task;
import io.trackerhub.simulator.activity.ActivityDraft;
import io.trackerhub.simulator.faults.Faults;
import io.trackerhub.simulator.world.Ids;
import io.trackerhub.simulator.world.ProjectState;
import io.trackerhub.simulator.world.Trees;
import io.trackerhub.simulator.world.World;
import io.trackerhub.v5.StoryFilter;
import io.trackerhub.v5.TrackerException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

import static io.trackerhub.simulator.activity.ActivityDraft.quoted;
import static io.trackerhub.simulator.activity.ActivityDraft.thisStory;

/**
 * Every change to stories, comments and tasks, each under the project's lock and each recorded as exactly one
 * activity, worded and shaped like the recorded ones (fixtures/tracker/activity, webhook-v5). The REST resources and
 * the generator both change the world only through here.
 */
@ApplicationScoped
public class StoryChanges {

    private static final List<String> EDITABLE = List.of("name", "description", "story_type", "current_state", "estimate",
            "deadline", "accepted_at", "requested_by_id", "owner_ids", "label_ids", "labels", "before_id", "after_id",
            "integration_id", "external_id", "project_id");

    @Inject
    World world;
    @Inject
    Faults faults;

    @ConfigProperty(name = "sim.url-base", defaultValue = "https://www.pivotaltracker.com")
    String urlBase;

    public String storyUrl(long storyId) {
        return urlBase + "/story/show/" + storyId;
    }

    public String epicUrl(long epicId) {
        return urlBase + "/epic/show/" + epicId;
    }

    static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.SECONDS);
    }

    public Story create(ProjectState project, Person by, JsonNode body) {
        ObjectNode fields = object(body);
        return project.change(edit -> {
            requireRoom(edit);
            String name = text(fields, "name");
            if (name == null || name.isBlank()) {
                throw TrackerException.invalidField("name", "Name can't be blank");
            }
            Instant at = now();
            long id = world.ids().next(Ids.Kind.STORY);
            ObjectNode story = TrackerJson.mapper().createObjectNode();
            story.put("kind", "story").put("id", id).put("created_at", Timestamps.format(at)).put("updated_at", Timestamps.format(at));
            story.put("story_type", "feature").put("name", name).put("current_state", "unscheduled");
            story.put("requested_by_id", by.id()).put("url", storyUrl(id)).put("project_id", project.id());
            story.putArray("owner_ids");
            story.putArray("labels");
            apply(edit, story, fields, TrackerJson.mapper().createObjectNode(), TrackerJson.mapper().createObjectNode(), by);
            Story created = Trees.of(story, Story.class);
            edit.putStory(created);
            ObjectNode createValues = createValues(story, edit.order());
            ActivityDraft.of("story_create_activity", "added", thisStory(created))
                    .changes(labelCounts(edit, List.of(), List.of(created)))
                    .change("story", "create", id, null, createValues, created)
                    .primary(created, storyUrl(id))
                    .record(edit, by, at);
            return created;
        });
    }

    /** The new_values of a story_create_activity, in the order and with the lists Tracker sent (fixtures/tracker/activity). */
    private static ObjectNode createValues(ObjectNode story, List<Long> order) {
        long id = story.get("id").asLong();
        int at = order.indexOf(id);
        ObjectNode values = TrackerJson.mapper().createObjectNode();
        for (String key : List.of("id", "project_id", "name", "description", "story_type", "current_state", "estimate",
                "deadline", "requested_by_id", "owner_ids")) {
            if (story.has(key)) {
                values.set(key, story.get(key));
            }
        }
        ArrayNode labelIds = values.putArray("label_ids");
        story.withArray("labels").forEach(label -> labelIds.add(label.get("id")));
        values.putArray("follower_ids");
        values.set("created_at", story.get("created_at"));
        values.set("updated_at", story.get("updated_at"));
        values.set("before_id", at > 0 ? values.numberNode(order.get(at - 1)) : NullNode.getInstance());
        values.set("after_id", at + 1 < order.size() ? values.numberNode(order.get(at + 1)) : NullNode.getInstance());
        values.putArray("blocked_story_ids");
        values.set("labels", story.get("labels"));
        return values;
    }

    public Story update(ProjectState project, Person by, long storyId, JsonNode body) {
        ObjectNode fields = object(body);
        return project.change(edit -> {
            Story current = edit.story(storyId);
            if (current == null) {
                throw TrackerException.unfound();
            }
            ObjectNode story = TrackerJson.toTree(current);
            ObjectNode original = TrackerJson.mapper().createObjectNode();
            ObjectNode updated = TrackerJson.mapper().createObjectNode();
            apply(edit, story, fields, original, updated, by);
            if (updated.isEmpty()) {
                return current;
            }
            Instant at = now();
            original.set("updated_at", story.get("updated_at"));
            story.put("updated_at", Timestamps.format(at));
            updated.put("updated_at", Timestamps.format(at));
            Story changed = Trees.of(story, Story.class);
            edit.putStory(changed);
            wording(changed, original, updated)
                    .changes(labelCounts(edit, List.of(current), List.of(changed)))
                    .change("story", "update", storyId, original, updated, changed)
                    .primary(changed, storyUrl(storyId))
                    .record(edit, by, at);
            if (updated.has("current_state")) {
                edit.addTransition(new StoryTransition("story_transition", updated.get("current_state").asText(), storyId,
                        project.id(), edit.version(), at, by.id(), Map.of()));
            }
            return changed;
        });
    }

    /**
     * Deletes stories in one activity: one story as {@code DELETE …/stories/{id}} does, several as Tracker's web UI
     * did ("deleted 14 stories", fixtures/tracker/activity/story_delete_activity__1027488_94.json).
     */
    public Activity delete(ProjectState project, Person by, Collection<Long> storyIds) {
        return project.change(edit -> {
            List<Story> deleted = new ArrayList<>();
            for (long id : new LinkedHashSet<>(storyIds)) {
                deleted.add(existing(edit, id));
            }
            deleted.forEach(story -> edit.removeStory(story.id()));
            ActivityDraft draft = ActivityDraft.of("story_delete_activity", "deleted",
                            deleted.size() == 1 ? thisStory(deleted.get(0)) : deleted.size() + " stories")
                    .changes(labelCounts(edit, deleted, List.of()));
            // as recorded: the changes by ascending id, the primary resources the other way round
            deleted.sort(Comparator.comparing(Story::id));
            deleted.forEach(story -> draft.change("story", "delete", story.id(), null, null, story));
            Collections.reverse(deleted);
            deleted.forEach(story -> draft.primary(story, storyUrl(story.id())));
            return draft.record(edit, by, now());
        });
    }

    /**
     * The project a story update moves the story to: its {@code project_id} when that names another project, else null.
     * A move goes alone, as Tracker's web UI moved stories: the other fields are changed by a second request.
     */
    public static Long targetProject(JsonNode body, long projectId) {
        ObjectNode fields = object(body);
        JsonNode target = fields.get("project_id");
        if (target == null || target.isNull()) {
            return null;
        }
        if (!target.isIntegralNumber()) {
            throw TrackerException.invalidField("project_id", "project_id must be a project id, got " + target);
        }
        if (target.asLong() == projectId) {
            return null;
        }
        if (fields.size() > 1) {
            throw TrackerException.invalid("project_id moves the story to another project and goes alone; change the other fields "
                    + "in a second request after the move");
        }
        return target.asLong();
    }

    /**
     * Moves a story to another project, keeping its id, comments and tasks: the source records
     * {@code story_move_from_project_activity} (the story deleted from it), the destination
     * {@code story_move_into_project_activity} (the story created in it, at the top), each at its own next version, as
     * the two web hook bodies recorded in 2014 show (README, "Where the simulator is strict"). Labels go by name.
     */
    public Story moveToProject(ProjectState from, ProjectState to, Person by, long storyId) {
        return ProjectState.changeBoth(from, to, (source, destination) -> {
            Story current = existing(source, storyId);
            requireRoom(destination);
            Instant at = now();
            List<Comment> comments = source.storyComments(storyId);
            List<Task> tasks = source.tasks(storyId);
            source.removeStory(storyId);
            ActivityDraft.of("story_move_from_project_activity", "moved",
                            quoted(current.name()) + " from this project to " + destination.project().name())
                    .changes(labelCounts(source, List.of(current), List.of()))
                    .change("story", "delete", storyId, null, null, current)
                    .primary(current, storyUrl(storyId))
                    .record(source, by, at);

            Story moved = arrive(destination, current, at);
            comments.forEach(destination::putStoryComment);
            tasks.forEach(destination::putTask);
            ActivityDraft.of("story_move_into_project_activity", "moved",
                            quoted(moved.name()) + " into this project from " + source.project().name())
                    .changes(labelCounts(destination, List.of(), List.of(moved)))
                    .change("story", "create", storyId, null, createValues(TrackerJson.toTree(moved), destination.order()), moved)
                    .primary(moved, storyUrl(storyId))
                    .record(destination, by, at);
            return moved;
        });
    }

    /** The moved story in its new project, first in its order, with that project's labels of the same names. */
    private Story arrive(ProjectState.Edit destination, Story story, Instant at) {
        ObjectNode tree = TrackerJson.toTree(story);
        tree.put("project_id", destination.project().id()).put("updated_at", Timestamps.format(at));
        ArrayNode labels = tree.putArray("labels");
        story.labels().forEach(label -> labels.add(TrackerJson.toTree(labelNamed(destination, label.name()))));
        Story moved = Trees.of(tree, Story.class);
        Long top = destination.storyCount() == 0 ? null : destination.order().get(0);
        destination.putStory(moved);
        destination.moveStory(moved.id(), top);
        return moved;
    }

    private void requireRoom(ProjectState.View project) {
        if (project.storyCount() >= world.maxStoriesPerProject()) {
            throw TrackerException.tooLarge("project " + project.project().id() + " holds " + project.storyCount()
                    + " stories, the simulator's limit (sim.max-stories-per-project)");
        }
    }

    /** The label counts changes Tracker's story changes carried, unless the {@code label_counts} fault turns them off. */
    private List<Change> labelCounts(ProjectState.View project, Collection<Story> before, Collection<Story> after) {
        return faults.labelCounts() ? LabelCounts.of(project, before, after) : List.of();
    }

    public Comment comment(ProjectState project, Person by, long storyId, JsonNode body) {
        String text = text(object(body), "text");
        if (text == null || text.isBlank()) {
            throw TrackerException.invalid("this endpoint requires at least one of the following parameters: file_attachments, "
                    + "google_attachments, text");
        }
        return project.change(edit -> {
            Story story = existing(edit, storyId);
            Instant at = now();
            long id = world.ids().next(Ids.Kind.COMMENT);
            Comment comment = new Comment("comment", id, storyId, null, text, by.id(), at, at, Map.of());
            edit.putStoryComment(comment);
            ObjectNode values = TrackerJson.toTree(comment);
            values.remove("kind");
            values.putArray("file_attachment_ids");
            values.putArray("google_attachment_ids");
            values.putArray("file_attachments");
            values.putArray("google_attachments");
            Story touched = touch(edit, story, at);
            ActivityDraft.of("comment_create_activity", "added comment:", quoted(text))
                    .change("comment", "create", id, null, values, null)
                    .change("story", "update", storyId, at(story.updatedAt()), at(at), touched)
                    .primary(touched, storyUrl(storyId))
                    .record(edit, by, at);
            return comment;
        });
    }

    public Comment updateComment(ProjectState project, Person by, long storyId, long commentId, JsonNode body) {
        String text = text(object(body), "text");
        return project.change(edit -> {
            Story story = existing(edit, storyId);
            Comment current = edit.storyComments(storyId).stream().filter(c -> c.id() == commentId).findFirst()
                    .orElseThrow(TrackerException::unfound);
            if (text == null) {
                throw TrackerException.invalid("this endpoint requires at least one of the following parameters: attachment_ids_to_remove, "
                        + "attachments_to_add, file_attachment_ids_to_add, file_attachment_ids_to_remove, google_attachment_ids_to_remove, text");
            }
            Instant at = now();
            Comment changed = new Comment("comment", commentId, storyId, null, text, current.personId(), current.createdAt(), at, Map.of());
            edit.putStoryComment(changed);
            ObjectNode original = TrackerJson.mapper().createObjectNode().put("text", current.text())
                    .put("updated_at", Timestamps.format(current.updatedAt()));
            ObjectNode updated = TrackerJson.mapper().createObjectNode().put("text", text).put("updated_at", Timestamps.format(at));
            ActivityDraft.of("comment_update_activity", "edited", "this comment")
                    .change("comment", "update", commentId, original, updated, null)
                    .primary(story, storyUrl(storyId))
                    .record(edit, by, at);
            return changed;
        });
    }

    public void deleteComment(ProjectState project, Person by, long storyId, long commentId) {
        project.change(edit -> {
            Story story = existing(edit, storyId);
            Comment removed = edit.removeStoryComment(storyId, commentId);
            if (removed == null) {
                throw TrackerException.unfound();
            }
            ActivityDraft.of("comment_delete_activity", "removed comment:", quoted(removed.text()))
                    .change("comment", "delete", commentId, null, null, null)
                    .primary(story, storyUrl(storyId))
                    .record(edit, by, now());
            return null;
        });
    }

    public Task task(ProjectState project, Person by, long storyId, JsonNode body) {
        String description = text(object(body), "description");
        if (description == null || description.isBlank()) {
            throw TrackerException.invalidField("description", "Description can't be blank");
        }
        return project.change(edit -> {
            Story story = existing(edit, storyId);
            Instant at = now();
            long id = world.ids().next(Ids.Kind.TASK);
            Task task = new Task("task", id, storyId, description, false, edit.tasks(storyId).size() + 1, at, at, Map.of());
            edit.putTask(task);
            ObjectNode values = TrackerJson.toTree(task);
            values.remove("kind");
            Story touched = touch(edit, story, at);
            ActivityDraft.of("task_create_activity", "added task:", quoted(description))
                    .change("task", "create", id, null, values, null)
                    .change("story", "update", storyId, at(story.updatedAt()), at(at), touched)
                    .primary(touched, storyUrl(storyId))
                    .record(edit, by, at);
            return task;
        });
    }

    public Task updateTask(ProjectState project, Person by, long storyId, long taskId, JsonNode body) {
        ObjectNode fields = object(body);
        return project.change(edit -> {
            Story story = existing(edit, storyId);
            Task current = edit.tasks(storyId).stream().filter(t -> t.id() == taskId).findFirst().orElseThrow(TrackerException::unfound);
            Instant at = now();
            String description = fields.has("description") ? text(fields, "description") : current.description();
            boolean complete = fields.has("complete") ? bool(fields, "complete") : Boolean.TRUE.equals(current.complete());
            Task changed = new Task("task", taskId, storyId, description, complete, current.position(), current.createdAt(), at, Map.of());
            edit.putTask(changed);
            ObjectNode original = TrackerJson.mapper().createObjectNode();
            ObjectNode updated = TrackerJson.mapper().createObjectNode();
            if (!description.equals(current.description())) {
                original.put("description", current.description());
                updated.put("description", description);
            }
            if (complete != Boolean.TRUE.equals(current.complete())) {
                original.put("complete", current.complete());
                updated.put("complete", complete);
            }
            original.put("updated_at", Timestamps.format(current.updatedAt()));
            updated.put("updated_at", Timestamps.format(at));
            String highlight = updated.has("complete") ? (complete ? "completed task:" : "unchecked task:") : "rewrote task:";
            ActivityDraft.of("task_update_activity", highlight, quoted(description))
                    .change("task", "update", taskId, original, updated, null)
                    .primary(story, storyUrl(storyId))
                    .record(edit, by, at);
            return changed;
        });
    }

    private void apply(ProjectState.Edit edit, ObjectNode story, ObjectNode fields, ObjectNode original, ObjectNode updated, Person by) {
        Iterator<String> names = fields.fieldNames();
        List<String> unknown = new ArrayList<>();
        names.forEachRemaining(name -> {
            if (!EDITABLE.contains(name)) {
                unknown.add(name);
            }
        });
        if (!unknown.isEmpty()) {
            throw TrackerException.invalid("unknown or read-only story parameter(s): " + String.join(", ", unknown)
                    + "; accepted: " + String.join(", ", EDITABLE));
        }
        for (String name : List.of("name", "description", "integration_id", "external_id")) {
            if (fields.has(name)) {
                set(story, name, fields.get(name).isNull() ? null : fields.get(name), original, updated);
            }
        }
        if (fields.has("story_type")) {
            String type = text(fields, "story_type");
            if (!StoryFilter.TYPES.contains(type)) {
                throw TrackerException.invalidField("story_type", "'" + type + "' is not a story type, use one of " + StoryFilter.TYPES);
            }
            set(story, "story_type", story.textNode(type), original, updated);
        }
        String type = story.get("story_type").asText();
        if (fields.has("estimate")) {
            JsonNode estimate = fields.get("estimate");
            if (!estimate.isNull()) {
                if (!estimate.isNumber()) {
                    throw TrackerException.invalidField("estimate", "estimate must be a number, got " + estimate);
                }
                if (!StoryRules.estimable(edit.project(), type)) {
                    throw TrackerException.invalidField("estimate", "Stories of type " + type + " cannot be estimated.");
                }
                if (!StoryRules.onPointScale(edit.project(), estimate.asDouble())) {
                    throw TrackerException.invalidField("estimate", estimate.asText() + " is not a valid estimate for this project's point scale.");
                }
            }
            set(story, "estimate", estimate.isNull() ? null : estimate, original, updated);
        }
        if (fields.has("deadline")) {
            if (!"release".equals(type) && !fields.get("deadline").isNull()) {
                throw TrackerException.invalidField("deadline", "Deadline can only be set on releases.");
            }
            set(story, "deadline", fields.get("deadline").isNull() ? null : story.textNode(time(fields, "deadline")), original, updated);
        }
        if (fields.has("requested_by_id")) {
            set(story, "requested_by_id", fields.get("requested_by_id"), original, updated);
        }
        if (fields.has("owner_ids")) {
            ArrayNode owners = ids(fields, "owner_ids");
            set(story, "owner_ids", owners, original, updated);
        }
        if (fields.has("label_ids") || fields.has("labels")) {
            ArrayNode labels = story.arrayNode();
            for (Label label : labels(edit, fields)) {
                labels.add(TrackerJson.toTree(label));
            }
            ArrayNode oldIds = story.arrayNode();
            story.withArray("labels").forEach(l -> oldIds.add(l.get("id")));
            ArrayNode newIds = story.arrayNode();
            labels.forEach(l -> newIds.add(l.get("id")));
            if (!oldIds.equals(newIds)) {
                original.set("label_ids", oldIds);
                updated.set("label_ids", newIds);
                story.set("labels", labels);
            }
        }
        if (fields.has("current_state")) {
            String state = text(fields, "current_state");
            if (!StoryFilter.STATES.contains(state)) {
                throw TrackerException.invalidField("current_state", "'" + state + "' is not a story state, use one of " + StoryFilter.STATES);
            }
            boolean changes = !state.equals(story.path("current_state").asText());
            set(story, "current_state", story.textNode(state), original, updated);
            if (changes && "accepted".equals(state)) {
                set(story, "accepted_at", story.textNode(Timestamps.format(now())), original, updated);
            } else if (changes && story.has("accepted_at")) {
                set(story, "accepted_at", null, original, updated);
            }
            if (changes && "started".equals(state) && story.withArray("owner_ids").isEmpty()) {
                original.set("owned_by_id", NullNode.getInstance());
                updated.put("owned_by_id", by.id());
                set(story, "owner_ids", story.arrayNode().add(by.id()), original, updated);
            }
        }
        if (fields.has("before_id") || fields.has("after_id")) {
            move(edit, story, fields, original, updated);
        }
    }

    private void move(ProjectState.Edit edit, ObjectNode story, ObjectNode fields, ObjectNode original, ObjectNode updated) {
        long id = story.get("id").asLong();
        List<Long> order = edit.order();
        int was = order.indexOf(id);
        if (was < 0) {
            return; // a new story: placed at the end
        }
        original.set("before_id", was + 1 < order.size() ? original.numberNode(order.get(was + 1)) : null);
        original.set("after_id", was > 0 ? original.numberNode(order.get(was - 1)) : null);
        Long before = fields.has("before_id") && !fields.get("before_id").isNull() ? fields.get("before_id").asLong() : null;
        if (before == null && fields.has("after_id") && !fields.get("after_id").isNull()) {
            long after = fields.get("after_id").asLong();
            int afterAt = order.indexOf(after);
            if (afterAt < 0) {
                throw TrackerException.invalidField("after_id", "story " + after + " is not in this project");
            }
            before = afterAt + 1 < order.size() ? order.get(afterAt + 1) : null;
            if (before != null && before == id) {
                before = afterAt + 2 < order.size() ? order.get(afterAt + 2) : null;
            }
        } else if (before != null && !order.contains(before)) {
            throw TrackerException.invalidField("before_id", "story " + before + " is not in this project");
        }
        edit.moveStory(id, before);
        List<Long> moved = edit.order();
        int now = moved.indexOf(id);
        updated.set("before_id", now + 1 < moved.size() ? updated.numberNode(moved.get(now + 1)) : null);
        updated.set("after_id", now > 0 ? updated.numberNode(moved.get(now - 1)) : null);
        if (original.get("before_id").equals(updated.get("before_id"))) {
            original.remove(List.of("before_id", "after_id"));
            updated.remove(List.of("before_id", "after_id"));
        }
    }

    private ActivityDraft wording(Story story, ObjectNode original, ObjectNode updated) {
        List<String> changed = new ArrayList<>();
        updated.fieldNames().forEachRemaining(changed::add);
        changed.removeAll(List.of("updated_at", "accepted_at", "owned_by_id", "owner_ids"));
        if (changed.equals(List.of("before_id", "after_id")) || changed.equals(List.of("after_id", "before_id"))) {
            JsonNode after = updated.get("after_id");
            String where = after == null || after.isNull() ? "to the top" : "after '" + nameOf(after.asLong(), story) + "'";
            return ActivityDraft.of("story_move_activity", "moved", "this story " + where);
        }
        if (changed.equals(List.of("current_state")) && StoryRules.VERB_STATES.contains(story.currentState())) {
            return ActivityDraft.of("story_update_activity", story.currentState(), thisStory(story));
        }
        if (changed.equals(List.of("estimate")) && story.estimate() != null) {
            return ActivityDraft.of("story_update_activity", "estimated", thisStory(story) + " as " + StoryRules.points(story.estimate()));
        }
        return ActivityDraft.of("story_update_activity", "edited", thisStory(story));
    }

    private String nameOf(long storyId, Story fallback) {
        return world.project(fallback.projectId()).map(p -> p.read(v -> v.story(storyId))).map(Story::name).orElse(String.valueOf(storyId));
    }

    private static void set(ObjectNode story, String name, JsonNode value, ObjectNode original, ObjectNode updated) {
        JsonNode before = story.get(name);
        boolean same = (before == null || before.isNull()) ? (value == null || value.isNull()) : before.equals(value);
        if (same) {
            return;
        }
        original.set(name, before == null ? NullNode.getInstance() : before);
        updated.set(name, value == null ? NullNode.getInstance() : value);
        if (value == null || value.isNull()) {
            story.remove(name);
        } else {
            story.set(name, value);
        }
    }

    private Story touch(ProjectState.Edit edit, Story story, Instant at) {
        Story touched = Trees.with(story, tree -> tree.put("updated_at", Timestamps.format(at)));
        edit.putStory(touched);
        return touched;
    }

    private static ObjectNode at(Instant updatedAt) {
        return TrackerJson.mapper().createObjectNode().put("updated_at", updatedAt == null ? null : Timestamps.format(updatedAt));
    }

    private static Story existing(ProjectState.View view, long storyId) {
        Story story = view.story(storyId);
        if (story == null) {
            throw TrackerException.unfound();
        }
        return story;
    }

    private List<Label> labels(ProjectState.Edit edit, ObjectNode fields) {
        List<Label> chosen = new ArrayList<>();
        if (fields.has("label_ids")) {
            for (JsonNode id : ids(fields, "label_ids")) {
                Label label = edit.label(id.asLong());
                if (label == null) {
                    throw TrackerException.invalidField("label_ids", "label " + id.asLong() + " is not a label of this project");
                }
                chosen.add(label);
            }
        }
        if (fields.has("labels") && fields.get("labels").isArray()) {
            for (JsonNode given : fields.get("labels")) {
                String name = given.isTextual() ? given.asText() : given.path("name").asText(null);
                if (name == null || name.isBlank()) {
                    throw TrackerException.invalidField("labels", "each label needs a name, e.g. {\"name\": \"ui\"}");
                }
                Label label = labelNamed(edit, name);
                if (!chosen.contains(label)) {
                    chosen.add(label);
                }
            }
        }
        return chosen;
    }

    /** The project's label of this name (case aside), created when it has none. */
    private Label labelNamed(ProjectState.Edit edit, String name) {
        return edit.labels().stream().filter(l -> name.equalsIgnoreCase(l.name())).findFirst().orElseGet(() -> {
            Instant at = now();
            Label created = new Label("label", world.ids().next(Ids.Kind.LABEL), edit.project().id(), name.toLowerCase(), at, at, Map.of());
            edit.putLabel(created);
            return created;
        });
    }

    private static ObjectNode object(JsonNode body) {
        if (body == null || body.isNull() || body.isMissingNode()) {
            return TrackerJson.mapper().createObjectNode();
        }
        if (!body.isObject()) {
            throw TrackerException.invalid("the request body must be a JSON object");
        }
        return (ObjectNode) body;
    }

    private static String text(ObjectNode fields, String name) {
        JsonNode value = fields.get(name);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isTextual()) {
            throw TrackerException.invalidField(name, name + " must be a string, got " + value);
        }
        return value.asText();
    }

    private static boolean bool(ObjectNode fields, String name) {
        JsonNode value = fields.get(name);
        if (!value.isBoolean()) {
            throw TrackerException.invalidField(name, name + " must be true or false, got " + value);
        }
        return value.asBoolean();
    }

    private static ArrayNode ids(ObjectNode fields, String name) {
        JsonNode value = fields.get(name);
        if (!value.isArray()) {
            throw TrackerException.invalidField(name, name + " must be an array of ids, e.g. [1266314]");
        }
        value.forEach(id -> {
            if (!id.canConvertToLong() || !id.isIntegralNumber()) {
                throw TrackerException.invalidField(name, name + " must hold integer ids, got " + id);
            }
        });
        return (ArrayNode) value;
    }

    private static String time(ObjectNode fields, String name) {
        JsonNode value = fields.get(name);
        try {
            Instant at = value.isNumber() ? Instant.ofEpochMilli(value.asLong()) : Timestamps.parseIso(value.asText());
            return Timestamps.format(at);
        } catch (RuntimeException e) {
            throw TrackerException.invalidField(name, name + " must be an ISO-8601 time or epoch milliseconds, got " + value);
        }
    }
}
