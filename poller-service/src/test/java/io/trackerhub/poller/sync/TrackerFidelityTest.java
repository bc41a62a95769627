package io.trackerhub.poller.sync;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.trackerhub.events.kafka.Topics;
import io.trackerhub.poller.Hub;
import io.trackerhub.testkit.KafkaBroker;
import io.trackerhub.testkit.KafkaTestClient.Received;
import io.trackerhub.testkit.PostgresDatabase;
import io.trackerhub.testkit.TrackerSimulatorResource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The poller against the simulator as strict as recorded Tracker: activity newest first whatever is asked, no
 * {@code filter} beside other parameters, searches without totals, label counts riding along with story changes,
 * deletes of many stories in one activity, stories moving between projects.
 */
@QuarkusTest
@WithTestResource(KafkaBroker.class)
@WithTestResource(PostgresDatabase.class)
@WithTestResource(TrackerSimulatorResource.class)
class TrackerFidelityTest {

    @AfterEach
    void clear() {
        Hub.clearFaults();
    }

    @Test
    void aBacklogOfManyNewestFirstPagesIsPublishedOldestFirstWithoutFallingBack() {
        Map<String, Object> world = TrackerSimulatorResource.seed(711, 1, 40);
        String token = (String) world.get("api_token");
        long p = Hub.projectIds(world).get(0);
        long id = Hub.link(token, List.of(p));
        long cursor = Hub.awaitSettled(id, Duration.ofSeconds(60)).getLong("projects[0].cursor_version");
        List<Long> stories = Hub.storyIds(token, p);
        for (int i = 0; i < 130; i++) {
            Hub.tracker(token).body(Map.of("name", "change " + i)).put("/projects/{p}/stories/{s}", p, stories.get(i % stories.size()))
                    .then().statusCode(200);
        }
        // pages of 50 granted, newest first: the oldest page comes last
        Hub.faults(Map.of("max_page_size", 50));

        JsonPath view = Hub.forceSync(id);

        assertThat(view.getString("projects[0].history_fallback_at")).isNull();
        assertThat(view.getLong("projects[0].cursor_version")).isEqualTo(cursor + 130).isEqualTo(Hub.projectVersion(token, p));
        List<Long> published = Hub.records(Topics.ACTIVITY, id).stream().map(r -> JsonPath.from(r.value()).getLong("project_version")).toList();
        assertThat(published).hasSize(130).isSorted().doesNotHaveDuplicates();
        assertThat(published.get(0)).isEqualTo(cursor + 1);
    }

    @Test
    void labelCountsRidingAlongDoNotMakeTheProjectBeReadAgain() {
        Map<String, Object> world = TrackerSimulatorResource.seed(712, 1, 30);
        String token = (String) world.get("api_token");
        long p = Hub.projectIds(world).get(0);
        long id = Hub.link(token, List.of(p));
        Hub.awaitSettled(id, Duration.ofSeconds(60));
        long labelled = Hub.tracker(token).get("/projects/{p}/stories?limit=500", p).then().statusCode(200).extract().jsonPath()
                .getList("findAll { it.labels.size() > 0 }.id", Long.class).get(0);
        Hub.tracker(token).body(Map.of("estimate", 3)).put("/projects/{p}/stories/{s}", p, labelled).then().statusCode(200);
        int projectsBefore = Hub.records(Topics.PROJECTS, id).size();

        JsonPath view = Hub.forceSync(id);

        Received activity = Hub.records(Topics.ACTIVITY, id).get(0);
        assertThat(JsonPath.from(activity.value()).getList("changes.findAll { it.kind == 'label' }")).isNotEmpty();
        // notifications, the activity, the story: the project is not read again for its label counts
        assertThat(view.getInt("progress.requests")).isEqualTo(3);
        assertThat(Hub.records(Topics.PROJECTS, id)).hasSize(projectsBefore);
    }

    @Test
    void aDeleteOfManyStoriesTombstonesEachOfThem() {
        Map<String, Object> world = TrackerSimulatorResource.seed(713, 1, 30);
        String token = (String) world.get("api_token");
        long p = Hub.projectIds(world).get(0);
        long id = Hub.link(token, List.of(p));
        Hub.awaitSettled(id, Duration.ofSeconds(60));
        List<Long> gone = Hub.storyIds(token, p).subList(3, 6);
        Hub.sim().body(Map.of("story_ids", gone)).post("/_sim/projects/{p}/delete-stories", p).then().statusCode(200);

        Hub.forceSync(id);

        List<Received> stories = Hub.records(Topics.STORIES, id);
        for (long story : gone) {
            assertThat(last(stories, story)).as("story %d", story).hasValueSatisfying(r -> assertThat(r.value()).isNull());
        }
    }

    @Test
    void aStoryMovedToAnotherPolledProjectEndsThereAfterACycleAndAfterAHistoryFallback() {
        Map<String, Object> world = TrackerSimulatorResource.seed(714, 2, 20);
        String token = (String) world.get("api_token");
        List<Long> projects = Hub.projectIds(world);
        long from = projects.get(0), to = projects.get(1);
        long id = Hub.link(token, projects);
        Hub.awaitSettled(id, Duration.ofSeconds(60));
        List<Long> stories = Hub.storyIds(token, from);

        // a cycle reads both projects' activity: the source's says the story left, the destination's that it came
        Hub.tracker(token).body(Map.of("project_id", to)).put("/projects/{p}/stories/{s}", from, stories.get(0)).then().statusCode(200);
        Hub.forceSync(id);
        assertThat(last(Hub.records(Topics.STORIES, id), stories.get(0))).hasValueSatisfying(r ->
                assertThat(JsonPath.from(r.value()).getLong("project_id")).isEqualTo(to));

        // the source's history is gone: its id scan misses the story, which is looked up, not tombstoned
        Hub.tracker(token).body(Map.of("project_id", to)).put("/projects/{p}/stories/{s}", from, stories.get(1)).then().statusCode(200);
        Hub.faults(Map.of("activity_history", 0));
        JsonPath view = Hub.forceSync(id);
        assertThat(view.getString("projects[0].history_fallback_at")).isNotNull();
        assertThat(last(Hub.records(Topics.STORIES, id), stories.get(1))).hasValueSatisfying(r ->
                assertThat(JsonPath.from(r.value()).getLong("project_id")).isEqualTo(to));
    }

    private static Optional<Received> last(List<Received> records, long story) {
        return records.stream().filter(r -> r.key().equals(String.valueOf(story))).reduce((a, b) -> b);
    }
}
