package io.trackerhub.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.junit.QuarkusTest;
import io.trackerhub.events.TrackerJson;
import io.trackerhub.events.activity.Activities;
import io.trackerhub.events.activity.Activity;
import io.trackerhub.testkit.Fixtures;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static io.trackerhub.simulator.Sim.tracker;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

@QuarkusTest
class WebhookAndActivityTest {

    WebhookReceiver receiver;
    List<String> bodies;
    String token;
    long project;
    long story;

    @BeforeEach
    void start() {
        receiver = new WebhookReceiver();
        bodies = receiver.bodies;
        Map<String, Object> world = Sim.seed(11, 1, 30);
        token = (String) world.get("api_token");
        project = Sim.firstProject(world);
        story = tracker(token).get("/projects/{id}/stories?with_state=unstarted&with_story_type=feature&limit=1", project)
                .jsonPath().getLong("[0].id");
    }

    @AfterEach
    void stop() {
        receiver.close();
        Sim.clearFaults();
    }

    private String hook(String path) {
        return receiver.url(path);
    }

    @Test
    void startingAStoryPostsTheSameActivityTheFeedShowsInV5JsonAndV3Xml() {
        tracker(token).body(Map.of("webhook_url", hook("/v5"), "webhook_version", "v5")).post("/projects/{id}/webhooks", project)
                .then().statusCode(200).body("webhook_version", equalTo("v5"));
        tracker(token).body(Map.of("webhook_url", hook("/v3"), "webhook_version", "v3")).post("/projects/{id}/webhooks", project)
                .then().statusCode(200);
        tracker(token).body(Map.of("current_state", "started")).put("/projects/{id}/stories/{sid}", project, story)
                .then().statusCode(200).body("current_state", equalTo("started"));
        await().atMost(Duration.ofSeconds(10)).until(() -> bodies.size() == 2);

        String v5 = bodies.stream().filter(b -> b.startsWith("/v5 ")).findFirst().orElseThrow().substring(4);
        JsonNode raw = TrackerJson.readTree(v5);
        assertThat(raw.get("occurred_at").isIntegralNumber()).as("web hooks send epoch milliseconds").isTrue();
        JsonNode storyChange = storyChange(raw);
        assertThat(storyChange.at("/new_values/updated_at").isIntegralNumber()).isTrue();
        assertThat(storyChange.at("/original_values").has("owned_by_id")).isTrue();
        Activity sent = Activities.parse(v5);
        assertThat(sent.kind()).isEqualTo("story_update_activity");
        assertThat(sent.highlight()).isEqualTo("started");
        assertThat(sent.message()).endsWith(" started this feature");
        assertThat(sent.primaryResources().get(0).url()).isEqualTo("https://www.pivotaltracker.com/story/show/" + story);

        JsonNode recorded = TrackerJson.readTree(Fixtures.read("webhook-v5/zulip_v5_started.json"));
        assertThat(fieldNames(raw)).containsAll(fieldNames(recorded));
        assertThat(fieldNames(storyChange.get("new_values"))).containsAll(fieldNames(recorded.at("/changes/0/new_values")));
        assertThat(fieldNames(raw.at("/primary_resources/0"))).containsAll(fieldNames(recorded.at("/primary_resources/0")));

        Activity fromXml = Activities.parse(bodies.stream().filter(b -> b.startsWith("/v3 ")).findFirst().orElseThrow().substring(4));
        assertThat(fromXml.guid()).isEqualTo(sent.guid());

        JsonNode feed = TrackerJson.readTree(tracker(token).get("/projects/{id}/activity?limit=1&date_format=millis", project).asString()).get(0);
        assertThat(feed).isEqualTo(raw);
    }

    @Test
    void everyChangeBumpsTheVersionByOneAndWebHooksArriveInVersionOrder() {
        tracker(token).body(Map.of("webhook_url", hook("/v5"))).post("/projects/{id}/webhooks", project).then().statusCode(200);
        long before = Long.parseLong(tracker(token).get("/projects/{id}", project).header("X-Tracker-Project-Version"));
        tracker(token).body(Map.of("estimate", 2)).put("/projects/{id}/stories/{sid}", project, story).then().statusCode(200);
        tracker(token).body(Map.of("text", "Looks good")).post("/projects/{id}/stories/{sid}/comments", project, story).then().statusCode(200);
        tracker(token).body(Map.of("description", "Write it")).post("/projects/{id}/stories/{sid}/tasks", project, story).then().statusCode(200);
        long created = tracker(token).body(Map.of("name", "New story")).post("/projects/{id}/stories", project).then().statusCode(200)
                .extract().jsonPath().getLong("id");
        tracker(token).delete("/projects/{id}/stories/{sid}", project, created).then().statusCode(204);
        await().atMost(Duration.ofSeconds(10)).until(() -> bodies.size() == 5);

        List<Long> versions = bodies.stream().map(b -> Activities.parse(b.substring(4)).projectVersion()).toList();
        assertThat(versions).containsExactly(before + 1, before + 2, before + 3, before + 4, before + 5);
        List<String> kinds = bodies.stream().map(b -> Activities.parse(b.substring(4)).kind()).toList();
        assertThat(kinds).containsExactly("story_update_activity", "comment_create_activity", "task_create_activity",
                "story_create_activity", "story_delete_activity");
        assertThat(Activities.parse(bodies.get(0).substring(4)).message()).endsWith("estimated this feature as 2 points");
        JsonNode createdValues = TrackerJson.readTree(bodies.get(3).substring(4)).at("/changes/0/new_values");
        Set<String> recordedCreate = fieldNames(TrackerJson.readTree(Fixtures.read("webhook-v5/zulip_v5_created.json")).at("/changes/0/new_values"));
        recordedCreate.remove("description");   // the recorded story had one, this one has none, and nulls are left out
        assertThat(fieldNames(createdValues)).containsAll(recordedCreate);
        assertThat(createdValues.get("created_at").isIntegralNumber()).isTrue();
        tracker(token).get("/projects/{id}/activity?since_version=" + before, project).then().statusCode(200)
                .header("X-Tracker-Pagination-Total", "5").body("[0].project_version", equalTo((int) before + 5));
        tracker(token).get("/projects/{id}/activity?since_version=" + before + "&sort_order=asc", project).then()
                .body("[0].project_version", equalTo((int) before + 5));
    }

    @Test
    void droppedWebHooksAreCountedAndStillInTheFeed() {
        tracker(token).body(Map.of("webhook_url", hook("/v5"))).post("/projects/{id}/webhooks", project).then().statusCode(200);
        long dropped = Sim.admin().get("/_sim/stats").jsonPath().getLong("webhooks.dropped");
        Sim.admin().body(Map.of("drop_webhook_share", 1.0)).put("/_sim/faults").then().statusCode(200);
        tracker(token).body(Map.of("current_state", "started")).put("/projects/{id}/stories/{sid}", project, story).then().statusCode(200);
        await().atMost(Duration.ofSeconds(10)).until(() -> Sim.admin().get("/_sim/stats").jsonPath().getLong("webhooks.dropped") == dropped + 1);
        assertThat(bodies).isEmpty();
        tracker(token).get("/projects/{id}/stories/{sid}/activity", project, story).then().statusCode(200)
                .body("[0].highlight", equalTo("started"));
    }

    /** The story's own change; label counts changes come before it when the story has labels. */
    private static JsonNode storyChange(JsonNode activity) {
        for (JsonNode change : activity.get("changes")) {
            if (change.get("kind").asText().equals("story")) {
                return change;
            }
        }
        throw new AssertionError("no story change in " + activity);
    }

    private static Set<String> fieldNames(JsonNode node) {
        Set<String> names = new HashSet<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
