package io.trackerhub.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.junit.QuarkusTest;
import io.trackerhub.events.TrackerJson;
import io.trackerhub.testkit.Fixtures;
import org.junit.jupiter.api.AfterEach;
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

/** Label counts ride along with story changes that alter them, shaped as in the recorded 2017 feed. */
@QuarkusTest
class LabelCountsTest {

    String token;
    long project;

    @BeforeEach
    void seed() {
        Map<String, Object> world = Sim.seed(32, 1, 10);
        token = (String) world.get("api_token");
        project = Sim.firstProject(world);
    }

    @AfterEach
    void clear() {
        Sim.clearFaults();
    }

    @Test
    void storyChangesThatAlterALabelsCountsCarryItsCountsBeforeAndAfter() {
        long first = create(Map.of("name", "Counted one", "labels", List.of("counted"), "current_state", "unstarted", "estimate", 2));
        JsonNode created = newest();
        assertThat(kinds(created)).containsExactly("label", "story");
        JsonNode label = created.at("/changes/0");
        assertThat(label.get("change_type").asText()).isEqualTo("update");
        assertThat(label.get("name").asText()).isEqualTo("counted");
        assertThat(count(label, "original_values", "number_of_stories_by_state", "unstarted")).isZero();
        assertThat(count(label, "new_values", "number_of_stories_by_state", "unstarted")).isEqualTo(1);
        assertThat(count(label, "new_values", "sum_of_story_estimates_by_state", "unstarted")).isEqualTo(2);
        assertThat(count(label, "new_values", "number_of_zero_point_stories_by_state", "unstarted")).isZero();

        update(first, Map.of("current_state", "started"));
        JsonNode started = newest().at("/changes/0");
        assertThat(count(started, "original_values", "number_of_stories_by_state", "unstarted")).isEqualTo(1);
        assertThat(count(started, "new_values", "number_of_stories_by_state", "unstarted")).isZero();
        assertThat(count(started, "new_values", "number_of_stories_by_state", "started")).isEqualTo(1);
        assertThat(count(started, "new_values", "sum_of_story_estimates_by_state", "started")).isEqualTo(2);

        update(first, Map.of("name", "Counted and renamed"));
        assertThat(kinds(newest())).as("a rename changes no counts, as in the recording").containsExactly("story");

        create(Map.of("name", "Counted two", "labels", List.of("counted")));
        JsonNode second = newest().at("/changes/0");
        assertThat(count(second, "new_values", "number_of_stories_by_state", "started")).isEqualTo(1);
        assertThat(count(second, "new_values", "number_of_stories_by_state", "unscheduled")).isEqualTo(1);
        assertThat(count(second, "new_values", "number_of_zero_point_stories_by_state", "unscheduled"))
                .as("an unestimated story counts as zero points").isEqualTo(1);

        tracker(token).delete("/projects/{id}/stories/{sid}", project, first).then().statusCode(204);
        JsonNode deleted = newest();
        assertThat(kinds(deleted)).containsExactly("label", "story");
        assertThat(count(deleted.at("/changes/0"), "new_values", "number_of_stories_by_state", "started")).isZero();
        assertThat(count(deleted.at("/changes/0"), "new_values", "number_of_stories_by_state", "unscheduled")).isEqualTo(1);
    }

    @Test
    void labelChangesHaveTheRecordedShape() {
        create(Map.of("name", "Shaped", "labels", List.of("shape"), "current_state", "unstarted", "estimate", 1));
        JsonNode ours = newest().at("/changes/0");
        JsonNode recorded = recordedLabelChange();
        assertThat(names(ours)).isEqualTo(names(recorded));
        for (String values : List.of("original_values", "new_values")) {
            JsonNode counts = ours.at("/" + values + "/counts");
            assertThat(names(counts)).isEqualTo(names(recorded.at("/" + values + "/counts")));
            assertThat(counts.get("kind").asText()).isEqualTo("story_counts");
            counts.fields().forEachRemaining(measure -> {
                if (measure.getValue().isObject()) {
                    assertThat(names(measure.getValue())).isEqualTo(names(recorded.at("/" + values + "/counts/" + measure.getKey())));
                    assertThat(measure.getValue().get("kind").asText()).isEqualTo("counts_by_story_state");
                }
            });
        }
    }

    @Test
    void theLabelCountsFaultTurnsThemOffAndWebHooksCarryThem() {
        try (WebhookReceiver receiver = new WebhookReceiver()) {
            tracker(token).body(Map.of("webhook_url", receiver.url("/v5"))).post("/projects/{id}/webhooks", project).then().statusCode(200);
            long story = create(Map.of("name", "Hooked", "labels", List.of("hooked"), "current_state", "unstarted", "estimate", 3));
            await().atMost(Duration.ofSeconds(10)).until(() -> receiver.bodies.size() == 1);
            JsonNode sent = TrackerJson.readTree(receiver.bodiesAt("/v5").get(0));
            assertThat(kinds(sent)).containsExactly("label", "story");
            JsonNode feed = TrackerJson.readTree(tracker(token).get("/projects/{id}/activity?limit=1&date_format=millis", project).asString()).get(0);
            assertThat(sent).isEqualTo(feed);

            Sim.faults(Map.of("label_counts", false));
            update(story, Map.of("current_state", "started"));
            assertThat(kinds(newest())).containsExactly("story");
        }
    }

    private long create(Map<String, Object> fields) {
        return tracker(token).body(fields).post("/projects/{id}/stories", project).then().statusCode(200).extract().jsonPath().getLong("id");
    }

    private void update(long story, Map<String, Object> fields) {
        tracker(token).body(fields).put("/projects/{id}/stories/{sid}", project, story).then().statusCode(200);
    }

    private JsonNode newest() {
        return TrackerJson.readTree(tracker(token).get("/projects/{id}/activity?limit=1", project).then().statusCode(200).extract().asString()).get(0);
    }

    private static JsonNode recordedLabelChange() {
        JsonNode cassette = TrackerJson.readTree(Fixtures.read("rest-v5/cassettes/get_project_activity.json"));
        JsonNode feed = TrackerJson.readTree(cassette.at("/http_interactions/0/response/body/string").asText());
        for (JsonNode activity : feed) {
            for (JsonNode change : activity.get("changes")) {
                if (change.get("kind").asText().equals("label")) {
                    return change;
                }
            }
        }
        throw new AssertionError("the recorded feed has no label change");
    }

    private static long count(JsonNode labelChange, String values, String measure, String state) {
        return labelChange.at("/" + values + "/counts/" + measure + "/" + state).asLong();
    }

    private static List<String> kinds(JsonNode activity) {
        List<String> kinds = new ArrayList<>();
        activity.get("changes").forEach(c -> kinds.add(c.get("kind").asText()));
        return kinds;
    }

    private static Set<String> names(JsonNode node) {
        Set<String> names = new TreeSet<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
