package io.trackerhub.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.junit.QuarkusTest;
import io.trackerhub.events.TrackerJson;
import io.trackerhub.events.activity.Activities;
import io.trackerhub.events.activity.Activity;
import io.trackerhub.testkit.Fixtures;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import static io.trackerhub.simulator.Sim.tracker;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

/** Deleting many stories in one activity, and moving a story between projects, as recorded Tracker did. */
@QuarkusTest
class DeletesAndMovesTest {

    String token;
    long source;
    long destination;
    List<Long> stories;

    @BeforeEach
    void seed() {
        Map<String, Object> world = Sim.seed(33, 2, 30);
        token = (String) world.get("api_token");
        List<?> projects = (List<?>) world.get("project_ids");
        source = ((Number) projects.get(0)).longValue();
        destination = ((Number) projects.get(1)).longValue();
        stories = ids(source);
    }

    @Test
    void deletingOneStoryNamesItAsThePrimaryResource() {
        long story = stories.get(0);
        tracker(token).delete("/projects/{id}/stories/{sid}", source, story).then().statusCode(204);
        JsonNode deleted = newest(source);
        assertThat(deleted.get("kind").asText()).isEqualTo("story_delete_activity");
        assertThat(deleted.get("message").asText()).endsWith(" deleted this " + changesOfKind(deleted, "story").get(0).get("story_type").asText());
        assertThat(deleted.at("/primary_resources/0/id").asLong()).isEqualTo(story);
        assertThat(deleted.at("/primary_resources/0/url").asText()).isEqualTo("https://www.pivotaltracker.com/story/show/" + story);

        JsonNode recorded = TrackerJson.readTree(Fixtures.read("deletes/freshconsult_v5_story_delete_one.json"));
        assertThat(names(deleted)).containsAll(names(recorded));
        assertThat(names(changesOfKind(deleted, "story").get(0))).isEqualTo(names(recorded.at("/changes/0")));
        assertThat(names(deleted.at("/primary_resources/0"))).isEqualTo(names(recorded.at("/primary_resources/0")));
    }

    @Test
    void severalStoriesDeletedAtOnceAreOneActivityListingThemAll() {
        List<Long> doomed = stories.subList(3, 6);
        long before = Sim.version(token, source);
        JsonNode answer = TrackerJson.readTree(Sim.admin().body(Map.of("story_ids", doomed)).post("/_sim/projects/{id}/delete-stories", source)
                .then().statusCode(200).extract().asString());
        assertThat(Sim.version(token, source)).isEqualTo(before + 1);
        JsonNode deleted = newest(source);
        assertThat(deleted).isEqualTo(answer);
        assertThat(deleted.get("kind").asText()).isEqualTo("story_delete_activity");
        assertThat(deleted.get("message").asText()).endsWith(" deleted 3 stories");
        List<JsonNode> storyChanges = changesOfKind(deleted, "story");
        assertThat(storyChanges).extracting(c -> c.get("id").asLong()).containsExactlyElementsOf(doomed.stream().sorted().toList());
        assertThat(storyChanges).allSatisfy(c -> {
            assertThat(c.get("change_type").asText()).isEqualTo("delete");
            assertThat(c.has("new_values")).isFalse();
            assertThat(c.has("original_values")).isFalse();
        });
        assertThat(deleted.get("primary_resources")).extracting(r -> r.get("id").asLong())
                .containsExactlyElementsOf(doomed.stream().sorted(java.util.Comparator.reverseOrder()).toList());

        JsonNode recorded = TrackerJson.readTree(Fixtures.read("activity/story_delete_activity__1027488_94.json"));
        assertThat(names(deleted.at("/primary_resources/0"))).isEqualTo(names(recorded.at("/primary_resources/0")));
        assertThat(names(storyChanges.get(0))).isEqualTo(names(recorded.at("/changes/0")));
        for (long id : doomed) {
            tracker(token).get("/projects/{id}/stories/{sid}", source, id).then().statusCode(404);
        }
    }

    @Test
    void theMultiDeleteIsAControlCallThatChecksItsInput() {
        Sim.admin().body(Map.of("story_ids", List.of(stories.get(0), 1L))).post("/_sim/projects/{id}/delete-stories", source).then()
                .statusCode(400).contentType("application/problem+json");
        Sim.admin().body(Map.of("story_ids", List.of())).post("/_sim/projects/{id}/delete-stories", source).then().statusCode(400);
        Sim.admin().body(Map.of("story_ids", List.of(stories.get(0)))).post("/_sim/projects/{id}/delete-stories", 9_999_999).then().statusCode(404);
        io.restassured.RestAssured.given().contentType("application/json").body(Map.of("story_ids", List.of(stories.get(0))))
                .post("/_sim/projects/{id}/delete-stories", source).then().statusCode(401);
        tracker(token).get("/projects/{id}/stories/{sid}", source, stories.get(0)).then().statusCode(200);
    }

    @Test
    void aStoryMovedToAnotherProjectKeepsItsIdAndBothProjectsRecordTheMove() {
        long story = stories.get(0);
        long sourceVersion = Sim.version(token, source);
        long destinationVersion = Sim.version(token, destination);
        try (WebhookReceiver receiver = new WebhookReceiver()) {
            tracker(token).body(Map.of("webhook_url", receiver.url("/source"))).post("/projects/{id}/webhooks", source).then().statusCode(200);
            tracker(token).body(Map.of("webhook_url", receiver.url("/destination"))).post("/projects/{id}/webhooks", destination).then().statusCode(200);

            JsonNode moved = TrackerJson.readTree(tracker(token).body(Map.of("project_id", destination))
                    .put("/projects/{id}/stories/{sid}", source, story).then().statusCode(200).extract().asString());
            assertThat(moved.get("id").asLong()).isEqualTo(story);
            assertThat(moved.get("project_id").asLong()).isEqualTo(destination);

            JsonNode from = newest(source);
            assertThat(from.get("kind").asText()).isEqualTo("story_move_from_project_activity");
            assertThat(from.get("project_version").asLong()).isEqualTo(sourceVersion + 1);
            assertThat(from.get("highlight").asText()).isEqualTo("moved");
            assertThat(from.get("message").asText()).contains(" moved \"").contains("\" from this project to ");
            JsonNode left = changesOfKind(from, "story").get(0);
            assertThat(left.get("change_type").asText()).isEqualTo("delete");
            assertThat(left.get("id").asLong()).isEqualTo(story);
            assertThat(from.at("/primary_resources/0/id").asLong()).isEqualTo(story);

            JsonNode into = newest(destination);
            assertThat(into.get("kind").asText()).isEqualTo("story_move_into_project_activity");
            assertThat(into.get("project_version").asLong()).isEqualTo(destinationVersion + 1);
            assertThat(into.get("message").asText()).contains("\" into this project from ");
            JsonNode arrived = changesOfKind(into, "story").get(0);
            assertThat(arrived.get("change_type").asText()).isEqualTo("create");
            assertThat(arrived.at("/new_values/id").asLong()).isEqualTo(story);
            assertThat(arrived.at("/new_values/project_id").asLong()).isEqualTo(destination);
            assertThat(into.at("/primary_resources/0/id").asLong()).isEqualTo(story);

            assertThat(tracker(token).get("/stories/{sid}", story).then().statusCode(200).extract().jsonPath().getLong("project_id"))
                    .isEqualTo(destination);
            tracker(token).get("/projects/{id}/stories/{sid}", source, story).then().statusCode(404);
            assertThat(ids(source)).doesNotContain(story).hasSize(stories.size() - 1);
            assertThat(ids(destination)).contains(story).first().as("a moved story arrives at the top").isEqualTo(story);

            await().atMost(Duration.ofSeconds(10)).until(() -> receiver.bodies.size() == 2);
            Activity sentFrom = Activities.parse(receiver.bodiesAt("/source").get(0));
            Activity sentInto = Activities.parse(receiver.bodiesAt("/destination").get(0));
            assertThat(sentFrom.guid()).isEqualTo(source + "_" + (sourceVersion + 1));
            assertThat(sentInto.guid()).isEqualTo(destination + "_" + (destinationVersion + 1));
            assertShapeOf(TrackerJson.readTree(receiver.bodiesAt("/source").get(0)), "moves/freshconsult_v5_story_move_from_project.json");
            assertShapeOf(TrackerJson.readTree(receiver.bodiesAt("/destination").get(0)), "moves/freshconsult_v5_story_move_into_project.json");
        }
        tracker(token).body(Map.of("project_id", source)).put("/stories/{sid}", story).then().statusCode(200);
        assertThat(ids(source)).contains(story);
        assertThat(ids(destination)).doesNotContain(story);
    }

    @Test
    void aMoveNeedsAKnownProjectWriteAccessToBothAndNoOtherFields() {
        long story = stories.get(0);
        tracker(token).body(Map.of("project_id", 9_999_999)).put("/projects/{id}/stories/{sid}", source, story).then().statusCode(404)
                .body("code", equalTo("unfound_resource"));
        long strangers = Sim.firstProject(Sim.seed(34, 1, 3));
        tracker(token).body(Map.of("project_id", strangers)).put("/projects/{id}/stories/{sid}", source, story).then().statusCode(403)
                .body("code", equalTo("unauthorized_operation"));
        tracker(token).body(Map.of("project_id", destination, "name", "Moved and renamed")).put("/projects/{id}/stories/{sid}", source, story)
                .then().statusCode(400).body("code", equalTo("invalid_parameter"));
        tracker(token).body(Map.of("project_id", source, "name", "Renamed in place")).put("/projects/{id}/stories/{sid}", source, story)
                .then().statusCode(200).body("name", equalTo("Renamed in place"));
        assertThat(ids(source)).contains(story);
    }

    @Test
    void theGeneratorMovesStoriesBetweenProjectsAndDeletesSeveralAtOnce() {
        // only this world, so that the generator's changes land in these two projects
        Sim.admin().delete("/_sim/world").then().statusCode(204);
        seed();
        Sim.admin().body(Map.of("rate_per_s", 400, "duration_s", 30)).post("/_sim/generator").then().statusCode(200);
        try {
            await().atMost(Duration.ofSeconds(30)).until(() -> {
                List<JsonNode> feed = new ArrayList<>();
                for (long project : List.of(source, destination)) {
                    TrackerJson.readTree(tracker(token).get("/projects/{id}/activity?limit=500", project).asString()).forEach(feed::add);
                }
                boolean moved = feed.stream().anyMatch(a -> a.get("kind").asText().equals("story_move_into_project_activity"));
                boolean several = feed.stream().anyMatch(a -> a.get("kind").asText().equals("story_delete_activity")
                        && a.get("primary_resources").size() > 1);
                return moved && several;
            });
        } finally {
            Sim.admin().delete("/_sim/generator").then().statusCode(204);
        }
    }

    /** The web hook has every field of the recorded one, its story change the same fields and at least the recorded values. */
    private static void assertShapeOf(JsonNode sent, String fixture) {
        JsonNode recorded = TrackerJson.readTree(Fixtures.read(fixture));
        assertThat(sent.get("kind")).isEqualTo(recorded.get("kind"));
        assertThat(sent.get("highlight")).isEqualTo(recorded.get("highlight"));
        assertThat(names(sent)).containsAll(names(recorded));
        JsonNode change = changesOfKind(sent, "story").get(0);
        JsonNode recordedChange = recorded.at("/changes/0");
        assertThat(change.get("change_type")).isEqualTo(recordedChange.get("change_type"));
        assertThat(names(change)).containsAll(names(recordedChange));
        if (recordedChange.has("new_values")) {
            Set<String> values = names(recordedChange.get("new_values"));
            values.remove("description"); // the recorded story had one; ours may not, and absent fields are left out
            assertThat(names(change.get("new_values"))).containsAll(values);
        } else {
            assertThat(change.has("new_values")).isFalse();
        }
        assertThat(names(sent.at("/primary_resources/0"))).isEqualTo(names(recorded.at("/primary_resources/0")));
    }

    private List<Long> ids(long project) {
        return tracker(token).get("/projects/{id}/stories?fields=id&limit=500", project).then().statusCode(200)
                .extract().jsonPath().getList("id", Long.class);
    }

    private JsonNode newest(long project) {
        return TrackerJson.readTree(tracker(token).get("/projects/{id}/activity?limit=1", project).then().statusCode(200).extract().asString()).get(0);
    }

    private static List<JsonNode> changesOfKind(JsonNode activity, String kind) {
        List<JsonNode> changes = new ArrayList<>();
        activity.get("changes").forEach(c -> {
            if (c.get("kind").asText().equals(kind)) {
                changes.add(c);
            }
        });
        return changes;
    }

    private static Set<String> names(JsonNode node) {
        Set<String> names = new TreeSet<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
