package io.trackerhub.simulator.seed;

import com.fasterxml.jackson.databind.JsonNode;
import io.trackerhub.events.TrackerJson;
import io.trackerhub.events.activity.Activities;
import io.trackerhub.events.activity.Activity;
import io.trackerhub.events.activity.Person;
import io.trackerhub.events.rest.Comment;
import io.trackerhub.events.rest.Epic;
import io.trackerhub.events.rest.Label;
import io.trackerhub.events.rest.Notification;
import io.trackerhub.events.rest.Project;
import io.trackerhub.events.rest.ProjectMembership;
import io.trackerhub.events.rest.Story;
import io.trackerhub.events.rest.StoryTransition;
import io.trackerhub.events.rest.Task;
import io.trackerhub.simulator.world.Ids;
import io.trackerhub.simulator.world.ProjectState;
import io.trackerhub.simulator.world.World;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The world of the recordings (fixtures/tracker/rest-v5, packaged under {@code recorded/}): project 1027488 "My Sample
 * Project" with its 70 stories, epics, labels, comments, tasks, people, notifications and activity as Tracker answered
 * them, so that replaying the recorded requests gets comparable answers. Loading it again replaces it.
 */
@ApplicationScoped
public class RecordedWorld {

    public static final long PROJECT_ID = 1027488L;
    private static final String CASSETTES = "recorded/cassettes/";

    @Inject
    World world;

    public SeededWorld load() {
        world.removeProject(PROJECT_ID);
        Project project = TrackerJson.convert(body("get_project.json", "/projects/1027488"), Project.class);
        ProjectState state = world.addProject(project);
        JsonNode owners = body("get_owners_for_story.json", "/owners");
        for (JsonNode owner : owners) {
            world.putPerson(TrackerJson.convert(owner, Person.class));
        }
        Person me = world.person(owners.get(0).get("id").asLong()).orElseThrow();
        String token = world.grantNewToken(me.id());
        JsonNode meBody = body("get_me.json", "/me");
        Instant joined = Instant.parse(meBody.path("created_at").asText());
        state.change(edit -> {
            long membershipId = meBody.path("projects").get(0).path("id").asLong();
            for (JsonNode owner : owners) {
                Person person = world.person(owner.get("id").asLong()).orElseThrow();
                boolean isMe = person.id().equals(me.id());
                edit.putMembership(new ProjectMembership("project_membership", isMe ? membershipId : membershipId + 2, PROJECT_ID,
                        person.id(), person, isMe ? "owner" : "member", "555555", true, joined, joined, joined, Map.of()));
                world.ids().claim(Ids.Kind.MEMBERSHIP, membershipId + 2);
            }
            for (Label label : TrackerJson.readList(bytes(body("get_labels.json", "/labels")), Label.class)) {
                edit.putLabel(label);
                world.ids().claim(Ids.Kind.LABEL, label.id());
            }
            for (Epic epic : TrackerJson.readList(bytes(body("get_epics.json", "/epics")), Epic.class)) {
                edit.putEpic(epic);
            }
            Epic later = TrackerJson.convert(body("get_epic.json", "/epics/4737194"), Epic.class);
            edit.putEpic(later);
            edit.putLabel(later.label());
            for (Comment c : TrackerJson.readList(bytes(body("get_epic_comments.json", "/comments")), Comment.class)) {
                edit.putEpicComment(c);
            }
            for (Story story : TrackerJson.readList(bytes(body("client_get_all_stories_with_pagination.json", "stories?limit=300")), Story.class)) {
                edit.putStory(story);
                world.ids().claim(Ids.Kind.STORY, story.id());
            }
            for (Comment c : TrackerJson.readList(bytes(body("get_comments.json", "/comments")), Comment.class)) {
                edit.putStoryComment(c);
                world.ids().claim(Ids.Kind.COMMENT, c.id());
            }
            for (Task t : TrackerJson.readList(bytes(body("get_tasks_for_story.json", "/tasks")), Task.class)) {
                edit.putTask(t);
                world.ids().claim(Ids.Kind.TASK, t.id());
            }
            JsonNode transitions = cassetteBody("recorded/cassettes-2016/get_story_transitions.json", "/transitions");
            for (StoryTransition t : TrackerJson.readList(bytes(transitions), StoryTransition.class)) {
                edit.addTransition(t);
            }
            List<Activity> newestFirst = Activities.parseJsonList(bytes(body("get_project_activity.json", "/activity")));
            for (int i = newestFirst.size() - 1; i >= 0; i--) {
                edit.load(newestFirst.get(i));
            }
            return null;
        });
        for (Notification n : TrackerJson.readList(bytes(body("get_all_notifications.json", "/my/notifications")), Notification.class)) {
            world.addNotification(me.id(), n);
        }
        return new SeededWorld(token, me.id(), List.of(PROJECT_ID));
    }

    private static JsonNode body(String cassette, String uriPart) {
        return cassetteBody(CASSETTES + cassette, uriPart);
    }

    /** The response body of the first recorded request of a cassette whose URI contains {@code uriPart}. */
    private static JsonNode cassetteBody(String resource, String uriPart) {
        try (InputStream in = RecordedWorld.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException(resource + " is not packaged; the build copies fixtures/tracker/rest-v5 into recorded/");
            }
            JsonNode cassette = TrackerJson.mapper().readTree(in);
            for (JsonNode interaction : cassette.path("http_interactions")) {
                if (interaction.path("request").path("uri").asText().contains(uriPart)) {
                    return TrackerJson.readTree(interaction.path("response").path("body").path("string").asText());
                }
            }
            throw new IllegalStateException(resource + " has no request to " + uriPart);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] bytes(JsonNode node) {
        return TrackerJson.writeBytes(node);
    }

}
