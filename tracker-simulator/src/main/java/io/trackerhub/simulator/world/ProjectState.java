package io.trackerhub.simulator.world;

import io.trackerhub.events.TrackerJson;
import io.trackerhub.events.activity.Activity;
import io.trackerhub.events.rest.Comment;
import io.trackerhub.events.rest.Epic;
import io.trackerhub.events.rest.Label;
import io.trackerhub.events.rest.Project;
import io.trackerhub.events.rest.ProjectMembership;
import io.trackerhub.events.rest.Story;
import io.trackerhub.events.rest.StoryTransition;
import io.trackerhub.events.rest.Task;
import io.trackerhub.v5.Millis;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * One project and everything in it. All access goes through {@link #read} and {@link #change}, which hold the
 * project's lock: one writer at a time per project keeps versions contiguous and web hooks in version order.
 */
public final class ProjectState {

    /** How many versions back a stale search total still counts departed stories: the lag of Tracker's search index, as we model it. */
    public static final int SEARCH_INDEX_LAG_VERSIONS = 100;

    private final long id;
    private final Retention retention;
    private final Consumer<Activity> onActivity;

    Project project;
    long version;
    final List<Long> storyOrder = new ArrayList<>();
    final Map<Long, Story> stories = new HashMap<>();
    final Map<Long, Epic> epics = new LinkedHashMap<>();
    final Map<Long, Label> labels = new LinkedHashMap<>();
    final Map<Long, Map<Long, Comment>> storyComments = new HashMap<>();
    final Map<Long, Map<Long, Comment>> epicComments = new HashMap<>();
    final Map<Long, Map<Long, Task>> tasks = new HashMap<>();
    final Map<Long, ProjectMembership> memberships = new LinkedHashMap<>();
    final ArrayDeque<Activity> activities = new ArrayDeque<>();
    final List<StoryTransition> transitions = new ArrayList<>();
    final Map<Long, Webhook> webhooks = new LinkedHashMap<>();
    /** Each story's default JSON, written once per change: a full paged read of a big project copies bytes instead of serialising. */
    final Map<Long, byte[]> storyJson = new HashMap<>();
    final Map<Long, byte[]> storyJsonMillis = new HashMap<>();
    /** Stories deleted or moved away in the last {@link #SEARCH_INDEX_LAG_VERSIONS} versions, as they were then, for stale search totals. */
    final ArrayDeque<Departed> departed = new ArrayDeque<>();

    record Departed(long version, Story story) {
    }

    ProjectState(Project project, Retention retention, Consumer<Activity> onActivity) {
        this.id = project.id();
        this.project = project;
        this.version = project.version() == null ? 0 : project.version();
        this.retention = retention;
        this.onActivity = onActivity;
    }

    public long id() {
        return id;
    }

    public synchronized <T> T read(Function<View, T> reader) {
        return reader.apply(new View());
    }

    public synchronized <T> T change(Function<Edit, T> writer) {
        return writer.apply(new Edit());
    }

    /**
     * A change of two projects at once (a story moving from one to the other). Both are locked, always in id order,
     * so that two moves in opposite directions cannot wait for each other.
     */
    public static <T> T changeBoth(ProjectState one, ProjectState other, BiFunction<Edit, Edit, T> writer) {
        ProjectState first = one.id < other.id ? one : other;
        ProjectState second = first == one ? other : one;
        synchronized (first) {
            synchronized (second) {
                return writer.apply(one.new Edit(), other.new Edit());
            }
        }
    }

    /** Read access to the project under its lock; what it returns must be copies or immutable records. */
    public class View {

        public Project project() {
            return project;
        }

        public long version() {
            return version;
        }

        public List<Story> stories() {
            List<Story> all = new ArrayList<>(storyOrder.size());
            for (Long sid : storyOrder) {
                all.add(stories.get(sid));
            }
            return all;
        }

        public Story story(long storyId) {
            return stories.get(storyId);
        }

        /** The story's default representation as JSON bytes, cached until the story changes. */
        public byte[] storyJson(Story story, boolean millis) {
            return millis
                    ? storyJsonMillis.computeIfAbsent(story.id(), id -> TrackerJson.writeBytes(Millis.convert(TrackerJson.toTree(story))))
                    : storyJson.computeIfAbsent(story.id(), id -> TrackerJson.writeBytes(story));
        }

        public int storyCount() {
            return storyOrder.size();
        }

        /** Stories deleted or moved away in the last {@link #SEARCH_INDEX_LAG_VERSIONS} versions, as they were when they left. */
        public List<Story> recentlyDeparted() {
            return departed.stream().filter(d -> d.version() > version - SEARCH_INDEX_LAG_VERSIONS).map(Departed::story).toList();
        }

        public List<Epic> epics() {
            return List.copyOf(epics.values());
        }

        public Epic epic(long epicId) {
            return epics.get(epicId);
        }

        public List<Label> labels() {
            return List.copyOf(labels.values());
        }

        public Label label(long labelId) {
            return labels.get(labelId);
        }

        public List<Comment> storyComments(long storyId) {
            return List.copyOf(storyComments.getOrDefault(storyId, Map.of()).values());
        }

        public List<Comment> epicComments(long epicId) {
            return List.copyOf(epicComments.getOrDefault(epicId, Map.of()).values());
        }

        public List<Task> tasks(long storyId) {
            return List.copyOf(tasks.getOrDefault(storyId, Map.of()).values());
        }

        public List<ProjectMembership> memberships() {
            return List.copyOf(memberships.values());
        }

        public boolean isMember(long personId) {
            return memberships.values().stream().anyMatch(m -> m.personId() != null && m.personId() == personId);
        }

        /** A member who may change stories: any role but viewer. */
        public boolean isWriter(long personId) {
            return memberships.values().stream().anyMatch(m -> m.personId() != null && m.personId() == personId && !"viewer".equals(m.role()));
        }

        /** Oldest first, after retention. */
        public List<Activity> activities() {
            trimActivities();
            return List.copyOf(activities);
        }

        public List<StoryTransition> transitions(long storyId) {
            return transitions.stream().filter(t -> t.storyId() != null && t.storyId() == storyId).toList();
        }

        public List<Webhook> webhooks() {
            return List.copyOf(webhooks.values());
        }
    }

    /** Write access under the lock. {@link #record} is the only way a change becomes visible as activity. */
    public final class Edit extends View {

        public long nextVersion() {
            return version + 1;
        }

        /** Stores the activity of a change: bumps the version to the activity's, keeps retention, tells the web hooks. */
        public void record(Activity activity) {
            if (activity.projectVersion() != version + 1) {
                throw new IllegalStateException("activity " + activity.guid() + " is not the next version after " + version);
            }
            version = activity.projectVersion();
            project = Trees.with(project, tree -> tree.put("version", version));
            activities.addLast(activity);
            trimActivities();
            onActivity.accept(activity);
        }

        /** Loads an activity as recorded, without telling web hooks (the recorded world's history). */
        public void load(Activity activity) {
            activities.addLast(activity);
            version = Math.max(version, activity.projectVersion());
            project = Trees.with(project, tree -> tree.put("version", version));
        }

        public void putStory(Story story) {
            storyJson.remove(story.id());
            storyJsonMillis.remove(story.id());
            if (stories.put(story.id(), story) == null) {
                storyOrder.add(story.id());
            }
        }

        /** Removes a story with its comments and tasks, as part of the change that records the next version. */
        public void removeStory(long storyId) {
            storyJson.remove(storyId);
            storyJsonMillis.remove(storyId);
            Story removed = stories.remove(storyId);
            if (removed != null) {
                storyOrder.remove(Long.valueOf(storyId));
                storyComments.remove(storyId);
                tasks.remove(storyId);
                departed.addLast(new Departed(version + 1, removed));
                while (departed.peekFirst().version() <= version + 1 - SEARCH_INDEX_LAG_VERSIONS) {
                    departed.removeFirst();
                }
            }
        }

        /** Moves a story to sit just before another (Tracker's before_id); at the end when {@code beforeId} is null. */
        public void moveStory(long storyId, Long beforeId) {
            storyOrder.remove(Long.valueOf(storyId));
            int at = beforeId == null ? -1 : storyOrder.indexOf(beforeId);
            storyOrder.add(at < 0 ? storyOrder.size() : at, storyId);
        }

        public int positionOf(long storyId) {
            return storyOrder.indexOf(storyId);
        }

        public List<Long> order() {
            return List.copyOf(storyOrder);
        }

        public void putEpic(Epic epic) {
            epics.put(epic.id(), epic);
        }

        public void putLabel(Label label) {
            labels.put(label.id(), label);
        }

        public void putStoryComment(Comment comment) {
            storyComments.computeIfAbsent(comment.storyId(), k -> new LinkedHashMap<>()).put(comment.id(), comment);
        }

        public void putEpicComment(Comment comment) {
            epicComments.computeIfAbsent(comment.epicId(), k -> new LinkedHashMap<>()).put(comment.id(), comment);
        }

        public Comment removeStoryComment(long storyId, long commentId) {
            Map<Long, Comment> comments = storyComments.get(storyId);
            return comments == null ? null : comments.remove(commentId);
        }

        public void putTask(Task task) {
            tasks.computeIfAbsent(task.storyId(), k -> new LinkedHashMap<>()).put(task.id(), task);
        }

        public void putMembership(ProjectMembership membership) {
            memberships.put(membership.id(), membership);
        }

        public void addTransition(StoryTransition transition) {
            transitions.add(transition);
        }

        public void putWebhook(Webhook webhook) {
            webhooks.put(webhook.id(), webhook);
        }

        public Webhook removeWebhook(long webhookId) {
            return webhooks.remove(webhookId);
        }

        public void setProject(Project updated) {
            project = updated;
        }
    }

    private void trimActivities() {
        while (activities.size() > retention.maxActivities()) {
            activities.removeFirst();
        }
        if (retention.maxAge() != null) {
            Instant oldest = Instant.now().minus(retention.maxAge());
            while (!activities.isEmpty() && activities.peekFirst().occurredAt().isBefore(oldest)) {
                activities.removeFirst();
            }
        }
    }
}
