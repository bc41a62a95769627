package io.trackerhub.poller.sync;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.trackerhub.events.TrackerJson;
import io.trackerhub.events.activity.Activities;
import io.trackerhub.events.activity.Activity;
import io.trackerhub.events.kafka.CloudEventHeaders;
import io.trackerhub.events.kafka.Origin;
import io.trackerhub.events.kafka.Topics;
import io.trackerhub.events.kafka.TrackerRecord;
import io.trackerhub.poller.Hub;
import io.trackerhub.testkit.KafkaBroker;
import io.trackerhub.testkit.KafkaTestClient.Received;
import io.trackerhub.testkit.PostgresDatabase;
import io.trackerhub.testkit.TrackerSimulatorResource;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

@QuarkusTest
@WithTestResource(KafkaBroker.class)
@WithTestResource(PostgresDatabase.class)
@WithTestResource(TrackerSimulatorResource.class)
class ImportAndCycleTest {

    @Test
    void firstImportPublishesEveryProjectAndStoryThenCyclesPublishChangesInVersionOrder() throws Exception {
        Map<String, Object> world = TrackerSimulatorResource.seed(501, 3, 700);
        String token = (String) world.get("api_token");
        List<Long> projects = Hub.projectIds(world);
        long id = Hub.link(token, null);

        JsonPath settled = Hub.awaitSettled(id, Duration.ofSeconds(120));
        assertThat(settled.getString("state")).isEqualTo("ok");
        assertThat(settled.getInt("progress.projects_done")).isEqualTo(3);

        // every story of every project, each once, with project_id, as the simulator has them
        Set<Long> expected = new HashSet<>();
        for (long project : projects) {
            expected.addAll(Hub.storyIds(token, project));
        }
        assertThat(expected).hasSizeGreaterThanOrEqualTo(2000);
        List<Received> stories = Hub.records(Topics.STORIES, id);
        assertThat(stories.stream().map(r -> Long.parseLong(r.key())).collect(Collectors.toSet())).isEqualTo(expected);
        assertThat(stories).hasSize(expected.size());
        Received anyStory = stories.get(0);
        assertThat(TrackerJson.readTree(anyStory.value()).path("project_id").asLong()).isIn(projects);
        assertThat(anyStory.header(CloudEventHeaders.TYPE)).isEqualTo("tracker.snapshot.story");
        assertThat(anyStory.header(CloudEventHeaders.HUB_ORIGIN)).isEqualTo("poll");
        assertThat(Hub.records(Topics.PROJECTS, id).stream().map(r -> Long.parseLong(r.key())).toList()).containsExactlyInAnyOrderElementsOf(projects);
        JsonPath project = JsonPath.from(Hub.records(Topics.PROJECTS, id).get(0).value());
        assertThat(project.getList("labels")).isNotEmpty();
        assertThat(project.getList("memberships")).isNotEmpty();
        assertThat(Hub.records(Topics.EPICS, id)).isNotEmpty();
        assertThat(Hub.records(Topics.NOTIFICATIONS, id)).isNotEmpty();
        assertThat(settled.getList("projects.cursor_version")).doesNotContainNull();

        // changes in Tracker: an edit, a start, a comment and a delete in the first project
        long p = projects.get(0);
        List<Long> ids = Hub.storyIds(token, p);
        long edited = ids.get(0);
        long deleted = ids.get(1);
        long versionBefore = Hub.projectVersion(token, p);
        Hub.tracker(token).body(Map.of("name", "Renamed by the test")).put("/projects/{p}/stories/{s}", p, edited).then().statusCode(200);
        Hub.tracker(token).body(Map.of("text", "a comment")).post("/projects/{p}/stories/{s}/comments", p, edited).then().statusCode(200);
        Hub.tracker(token).delete("/projects/{p}/stories/{s}", p, deleted).then().statusCode(204);
        long versionAfter = Hub.projectVersion(token, p);
        assertThat(versionAfter).isEqualTo(versionBefore + 3);
        int storiesBefore = stories.size();

        JsonPath cycle = Hub.forceSync(id);
        assertThat(cycle.getString("progress.outcome")).isEqualTo("ok");

        List<Received> activity = Hub.records(Topics.ACTIVITY, id);
        assertThat(activity).extracting(Received::key).containsOnly(String.valueOf(p));
        List<Activity> parsed = activity.stream().map(r -> Activities.parseJson(r.value())).toList();
        assertThat(parsed).extracting(Activity::projectVersion).containsExactly(versionBefore + 1, versionBefore + 2, versionBefore + 3);
        Received first = activity.get(0);
        assertThat(first.header(CloudEventHeaders.ID)).isEqualTo(p + "_" + (versionBefore + 1));
        assertThat(first.header(CloudEventHeaders.HUB_ORIGIN)).isEqualTo("poll");
        assertThat(first.header(CloudEventHeaders.TYPE)).isEqualTo("tracker.activity." + parsed.get(0).kind());
        assertThat(first.header(CloudEventHeaders.SOURCE)).isEqualTo("/tracker/projects/" + p);
        assertThat(first.header(CloudEventHeaders.SUBJECT)).isEqualTo(String.valueOf(edited));
        // exactly what the ingest service writes for the same activity, but for the origin
        Map<String, String> asIngestWritesIt = new java.util.LinkedHashMap<>(TrackerRecord.activity(parsed.get(0), Origin.WEBHOOK, id).headers());
        asIngestWritesIt.put(CloudEventHeaders.HUB_ORIGIN, "poll");
        assertThat(first.headers()).isEqualTo(asIngestWritesIt);

        List<Received> afterCycle = Hub.records(Topics.STORIES, id);
        assertThat(afterCycle).hasSize(storiesBefore + 2);
        List<Received> ofEdited = afterCycle.stream().filter(r -> r.key().equals(String.valueOf(edited))).toList();
        assertThat(ofEdited).hasSize(2);
        Received renamed = ofEdited.get(1);
        assertThat(JsonPath.from(renamed.value()).getString("name")).isEqualTo("Renamed by the test");
        assertThat(renamed.header(CloudEventHeaders.ID)).isEqualTo("story_" + edited + "_v" + versionAfter);
        List<Received> ofDeleted = afterCycle.stream().filter(r -> r.key().equals(String.valueOf(deleted))).toList();
        assertThat(ofDeleted).hasSize(2);
        assertThat(ofDeleted.get(1).value()).isNull();

        // an idle cycle: one request per project (+ /me for the project list, + /my/notifications), nothing published
        int activityCount = activity.size();
        int storyCount = afterCycle.size();
        JsonPath idle = Hub.forceSync(id);
        assertThat(idle.getInt("progress.requests")).isEqualTo(projects.size() + 2);
        assertThat(Hub.records(Topics.ACTIVITY, id)).hasSize(activityCount);
        assertThat(Hub.records(Topics.STORIES, id)).hasSize(storyCount);

        // the token is nowhere: not in the API, not on Kafka, not in the log
        assertThat(Hub.admin().get("/api/integrations").asString()).doesNotContain(token);
        for (String topic : List.of(Topics.ACTIVITY, Topics.STORIES, Topics.PROJECTS, Topics.EPICS, Topics.NOTIFICATIONS)) {
            for (Received r : Hub.records(topic, id)) {
                assertThat(r.value() == null ? "" : r.value()).doesNotContain(token);
                assertThat(r.headers().toString()).doesNotContain(token);
            }
        }
        assertThat(Files.readString(Path.of("target/poller-test.log"))).doesNotContain(token);
    }
}
