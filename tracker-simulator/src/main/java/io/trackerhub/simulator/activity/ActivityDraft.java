package io.trackerhub.simulator.activity;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.trackerhub.events.activity.Activity;
import io.trackerhub.events.activity.Change;
import io.trackerhub.events.activity.Person;
import io.trackerhub.events.activity.Resource;
import io.trackerhub.events.rest.Story;
import io.trackerhub.simulator.world.ProjectState;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One activity being written, in Tracker's words: {@code "Leo Franchi started this feature"} is the performer's
 * name, the {@code highlight} and what it was done to. {@link #record} gives it the next project version and stores it.
 */
public final class ActivityDraft {

    private final String kind;
    private final String highlight;
    private final String object;
    private final List<Change> changes = new ArrayList<>();
    private final List<Resource> primary = new ArrayList<>();

    private ActivityDraft(String kind, String highlight, String object) {
        this.kind = kind;
        this.highlight = highlight;
        this.object = object;
    }

    /** e.g. {@code of("story_update_activity", "started", "this feature")}. */
    public static ActivityDraft of(String kind, String highlight, String object) {
        return new ActivityDraft(kind, highlight, object);
    }

    public ActivityDraft change(String resourceKind, String changeType, long id, ObjectNode original, ObjectNode updated, Story story) {
        changes.add(new Change(resourceKind, changeType, id, story == null ? null : story.name(),
                story == null ? null : story.storyType(), original, updated, Map.of()));
        return this;
    }

    /** Changes written elsewhere, e.g. the label counts that ride along with a story change. */
    public ActivityDraft changes(List<Change> written) {
        changes.addAll(written);
        return this;
    }

    public ActivityDraft primary(Story story, String storyUrl) {
        primary.add(new Resource("story", story.id(), story.name(), story.storyType(), storyUrl, Map.of()));
        return this;
    }

    public ActivityDraft primary(Resource resource) {
        primary.add(resource);
        return this;
    }

    /** Stores the activity as the project's next version and hands it to the web hooks; returns it. */
    public Activity record(ProjectState.Edit project, Person by, Instant at) {
        long version = project.nextVersion();
        long projectId = project.project().id();
        Activity activity = new Activity(kind, projectId + "_" + version, version,
                by.name() + " " + highlight + " " + object, highlight, List.copyOf(changes), List.copyOf(primary), List.of(),
                new Resource("project", projectId, project.project().name(), null, null, Map.of()),
                new Person(Person.KIND, by.id(), by.name(), by.initials(), null, null, Map.of()), at, Map.of());
        project.record(activity);
        return activity;
    }

    /** "this feature", "this bug": how Tracker names a story in a message. */
    public static String thisStory(Story story) {
        return "this " + story.storyType();
    }

    /** Tracker quotes texts in messages: {@code added comment: "A comment on the story"}. */
    public static String quoted(String text) {
        String line = text == null ? "" : text.replace('\n', ' ');
        return "\"" + (line.length() > 140 ? line.substring(0, 137) + "..." : line) + "\"";
    }
}
