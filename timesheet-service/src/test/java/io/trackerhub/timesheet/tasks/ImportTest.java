package io.trackerhub.timesheet.tasks;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.trackerhub.events.activity.Activity;
import io.trackerhub.events.kafka.TrackerRecord;
import io.trackerhub.timesheet.Hub;
import io.trackerhub.testkit.KafkaBroker;
import io.trackerhub.testkit.PostgresDatabase;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

/** From tracker.projects, tracker.stories and tracker.activity to the task tree people track on. */
@QuarkusTest
@WithTestResource(KafkaBroker.class)
@WithTestResource(PostgresDatabase.class)
class ImportTest {

    static final Duration WAIT = Duration.ofSeconds(30);

    @Inject
    AgroalDataSource db;

    private static Map<String, Object> awaitTask(String kind, long trackerId) {
        return await().atMost(WAIT).until(() -> Hub.taskOf(kind, trackerId), java.util.Optional::isPresent).orElseThrow();
    }

    private static Map<String, Object> task(long id) {
        return Hub.admin().get("/api/tasks/" + id).then().statusCode(200).extract().jsonPath().getMap("$");
    }

    private static long id(Map<String, Object> task) {
        return ((Number) task.get("id")).longValue();
    }

    @Test
    void snapshotsBuildOneRootPerIntegrationWithProjectsAndTheirStories() {
        long integration = Hub.id();
        long project = Hub.id();
        long first = Hub.id();
        long second = Hub.id();
        Hub.publishProject(integration, Hub.project(project, "Shop " + project), 10);
        Hub.publishStory(integration, Hub.story(first, project, "Checkout with PayPal", "started"), 10);
        Hub.publishStory(integration, Hub.story(second, project, "Gift cards", "unstarted").put("story_type", "bug"), 10);

        Map<String, Object> story = awaitTask("story", first);
        assertThat(story).containsEntry("name", "Checkout with PayPal").containsEntry("path", "Pivotal Tracker / Shop " + project + " / Checkout with PayPal")
                .containsEntry("story_type", "feature").containsEntry("current_state", "started").containsEntry("archived", false)
                .containsEntry("url", "https://www.pivotaltracker.com/story/show/" + first);
        Map<String, Object> projectTask = awaitTask("project", project);
        assertThat(story.get("parent_id")).isEqualTo(projectTask.get("id"));
        Map<String, Object> root = task(((Number) projectTask.get("parent_id")).longValue());
        assertThat(root).containsEntry("kind", "root").containsEntry("name", "Pivotal Tracker");
        assertThat(((Number) root.get("integration_id")).longValue()).isEqualTo(integration);
        assertThat(awaitTask("story", second)).containsEntry("story_type", "bug");
        assertThat(Hub.tasks("Shop " + project)).extracting(t -> t.get("kind")).containsExactly("project");

        // later snapshots rename and retype
        Hub.publishStory(integration, Hub.story(first, project, "Checkout with PayPal and cards", "finished").put("story_type", "chore"), 11);
        await().atMost(WAIT).until(() -> "Checkout with PayPal and cards".equals(task(id(story)).get("name")));
        assertThat(task(id(story))).containsEntry("story_type", "chore").containsEntry("current_state", "finished");

        // imported tasks are changed in Tracker, not here
        Hub.admin().body("{\"name\": \"mine now\"}").patch("/api/tasks/" + id(story)).then().statusCode(409)
                .contentType("application/problem+json").body("detail", containsString("imported from Pivotal Tracker"));
    }

    @Test
    void acceptedStoryLeavesTimesheetButKeepsItsTimeAndComesBackWhenRejected() {
        long integration = Hub.id();
        long project = Hub.id();
        long storyId = Hub.id();
        Hub.publishProject(integration, Hub.project(project, "Accepting " + project), 5);
        ObjectNode story = Hub.story(storyId, project, "Ship the release notes " + storyId, "delivered");
        Hub.publishStory(integration, story, 5);
        long task = id(awaitTask("story", storyId));
        Hub.Person ada = Hub.user("Ada");
        Instant yesterday = Instant.now().minus(1, ChronoUnit.DAYS).truncatedTo(ChronoUnit.HOURS);
        Hub.as(ada).body(Map.of("task_id", task, "start", yesterday.toString(), "duration_seconds", 3600)).post("/api/entries").then().statusCode(201);
        Hub.as(ada).body(Map.of("task_id", task)).post("/api/timer/start").then().statusCode(200);

        Hub.publishStory(integration, story.deepCopy().put("current_state", "accepted").put("accepted_at", "2026-11-23T10:00:00Z"), 6);

        await().atMost(WAIT).until(() -> Boolean.TRUE.equals(task(task).get("archived")));
        assertThat(task(task)).containsEntry("archived_reason", "accepted");
        Hub.as(ada).get("/api/timer").then().statusCode(204);
        List<Map<String, Object>> entries = Hub.as(ada).queryParam("task", task).get("/api/entries").then().statusCode(200)
                .extract().jsonPath().getList("$");
        assertThat(entries).hasSize(2).allSatisfy(e -> assertThat(e).containsEntry("task_archived", true));
        assertThat(entries).extracting(e -> e.get("source")).containsExactlyInAnyOrder("manual", "timer");
        assertThat(Hub.tasks("Ship the release notes " + storyId)).isEmpty();
        Hub.as(ada).body(Map.of("task_id", task)).post("/api/timer/start").then().statusCode(422)
                .contentType("application/problem+json").body("detail", containsString("archived (accepted)"));
        Hub.as(ada).queryParam("from", yesterday.minus(1, ChronoUnit.DAYS).toString().substring(0, 10))
                .queryParam("to", Instant.now().toString().substring(0, 10)).queryParam("group_by", "story")
                .get("/api/reports/time").then().statusCode(200)
                .body("rows[0].key", equalTo(Long.toString(task))).body("rows[0].name", equalTo("Ship the release notes " + storyId));

        // rejected: back in the timesheet
        Hub.publishStory(integration, story.deepCopy().put("current_state", "rejected"), 7);
        await().atMost(WAIT).until(() -> Boolean.FALSE.equals(task(task).get("archived")));
        assertThat(Hub.tasks("Ship the release notes " + storyId)).hasSize(1);
    }

    @Test
    void deletedStoriesAndRemovedProjectsAreArchivedAndTheirTimersStopped() {
        long integration = Hub.id();
        long project = Hub.id();
        long doomed = Hub.id();
        long other = Hub.id();
        Hub.publishProject(integration, Hub.project(project, "Removed " + project), 3);
        Hub.publishStory(integration, Hub.story(doomed, project, "To be deleted", "unstarted"), 3);
        Hub.publishStory(integration, Hub.story(other, project, "In a removed project", "started"), 3);
        long doomedTask = id(awaitTask("story", doomed));
        long otherTask = id(awaitTask("story", other));
        Hub.Person bob = Hub.user("Bob");
        Hub.as(bob).body(Map.of("task_id", otherTask)).post("/api/timer/start").then().statusCode(200);

        Hub.deleteStory(integration, doomed, project, 4);
        await().atMost(WAIT).until(() -> Boolean.TRUE.equals(task(doomedTask).get("archived")));
        assertThat(task(doomedTask)).containsEntry("archived_reason", "deleted");

        Hub.removeProject(integration, project, 5);
        await().atMost(WAIT).until(() -> Boolean.TRUE.equals(task(otherTask).get("archived")));
        Hub.as(bob).get("/api/timer").then().statusCode(204);
        assertThat(Hub.as(bob).get("/api/entries").then().statusCode(200).extract().jsonPath().<Map<String, Object>>getList("$"))
                .singleElement().satisfies(e -> assertThat(e).containsEntry("task_id", (int) otherTask).containsEntry("source", "timer"));
        assertThat(Hub.tasks("Removed " + project)).isEmpty();
    }

    @Test
    void webHookActivityUpdatesTheTimesheetBeforeTheSnapshotAndLaterSnapshotsWin() {
        long integration = Hub.id();
        long project = Hub.id();
        long storyId = Hub.id();
        Hub.publishProject(integration, Hub.project(project, "Hooked " + project), 61);

        // created by web hook: no snapshot yet
        Hub.publish(integration, Hub.activity("webhook-v5/zulip_v5_created.json", 63495662L, project, storyId, 62));
        Map<String, Object> created = awaitTask("story", storyId);
        assertThat(created).containsEntry("name", "Story that I created").containsEntry("story_type", "bug")
                .containsEntry("current_state", "unscheduled").containsEntry("path", "Pivotal Tracker / Hooked " + project + " / Story that I created");
        long task = id(created);

        // estimated (v63), then a snapshot taken before both (v61) arrives late: it is older, nothing changes
        Activity estimated = Hub.activity("webhook-v5/zulip_pivotal_v5_created_estimate.json", 63496066L, project, storyId, 63);
        Hub.publish(integration, estimated);
        await().atMost(WAIT).until(() -> Double.valueOf(3.0).equals(number(task(task).get("estimate"))));
        // every change names the story as it is called then: the recorded one was "Pivotal Test", a feature
        assertThat(task(task)).containsEntry("name", "Pivotal Test").containsEntry("story_type", "feature");
        double stale = metric("outcome=\"stale\",topic=\"tracker.stories\"");
        Hub.publishStory(integration, Hub.story(storyId, project, "An old name", "unscheduled"), 61);
        await().atMost(WAIT).until(() -> metric("outcome=\"stale\",topic=\"tracker.stories\"") > stale);
        assertThat(task(task)).containsEntry("name", "Pivotal Test").containsEntry("estimate", 3.0f);
        // accepted by web hook (v65): archived at once; the activity also names the story as it is called now
        Hub.publish(integration, Hub.activity("webhook-v5/zulip_v5_finished.json", 63486316L, project, storyId, 65));
        await().atMost(WAIT).until(() -> Boolean.TRUE.equals(task(task).get("archived")));
        assertThat(task(task)).containsEntry("name", "Story of the Year").containsEntry("current_state", "accepted");

        // rejected by web hook (v66): back in the timesheet
        Hub.publish(integration, Hub.activity("webhook-v5/zulip_v5_rejected.json", 63486316L, project, storyId, 66));
        await().atMost(WAIT).until(() -> Boolean.FALSE.equals(task(task).get("archived")));
        assertThat(task(task)).containsEntry("current_state", "rejected");

        // a later snapshot wins: renamed in Tracker meanwhile
        Hub.publishStory(integration, Hub.story(storyId, project, "Renamed in Tracker", "rejected"), 67);
        await().atMost(WAIT).until(() -> "Renamed in Tracker".equals(task(task).get("name")));
        assertThat(task(task)).containsEntry("archived", false).containsEntry("current_state", "rejected");

        // an activity replayed from before the snapshot changes nothing
        double staleActivity = metric("outcome=\"stale\",topic=\"tracker.activity\"");
        Hub.publish(integration, Hub.activity("webhook-v5/zulip_v5_delivered.json", 63486316L, project, storyId, 64));
        await().atMost(WAIT).until(() -> metric("outcome=\"stale\",topic=\"tracker.activity\"") > staleActivity);
        assertThat(task(task)).containsEntry("name", "Renamed in Tracker").containsEntry("current_state", "rejected");
        // and a newer one applies
        Hub.publish(integration, Hub.activity("webhook-v5/zulip_v5_started.json", 63495972L, project, storyId, 68));
        await().atMost(WAIT).until(() -> "started".equals(task(task).get("current_state")));
        assertThat(task(task)).containsEntry("name", "Fresh Story");

        // deleted by web hook (a recorded story_delete_activity that deletes 14 stories, one of them ours)
        Hub.publish(integration, Hub.activity("activity/story_delete_activity__1027488_94.json", 82330764L, project, storyId, 69));
        await().atMost(WAIT).until(() -> Boolean.TRUE.equals(task(task).get("archived")));
        assertThat(task(task)).containsEntry("archived_reason", "deleted");
    }

    @Test
    void aStoryMovedToAProjectNotImportedHereLeavesTheTimesheet() {
        long integration = Hub.id();
        long project = Hub.id();
        long storyId = Hub.id();
        Hub.publishProject(integration, Hub.project(project, "Moving " + project), 83);
        Hub.publishStory(integration, Hub.story(storyId, project, "Moved away", "unstarted"), 83);
        long task = id(awaitTask("story", storyId));

        // as Tracker said it (fixtures/tracker/moves): the source project's activity has a "delete" change, no values
        Hub.publish(integration, Hub.activity("moves/freshconsult_v5_story_move_from_project.json", 73670796L, project, storyId, 84));

        await().atMost(WAIT).until(() -> Boolean.TRUE.equals(task(task).get("archived")));
        assertThat(task(task)).containsEntry("archived_reason", "moved out of its project");
    }

    @Test
    void aStoryMovedIntoAnotherImportedProjectMovesThereAndStaysOpen() {
        long integration = Hub.id();
        long from = Hub.id();
        long to = Hub.id();
        long storyId = Hub.id();
        Hub.publishProject(integration, Hub.project(from, "Old home " + from), 83);
        Hub.publishProject(integration, Hub.project(to, "New home " + to), 10);
        Hub.publishStory(integration, Hub.story(storyId, from, "Travelling story", "started"), 83);
        long task = id(awaitTask("story", storyId));
        long target = id(awaitTask("project", to));

        // as Tracker said it (fixtures/tracker/moves): the source's "delete", then the destination's "create" with the
        // story's values and its new project_id
        Hub.publish(integration, Hub.activity("moves/freshconsult_v5_story_move_from_project.json", 73670796L, from, storyId, 84));
        await().atMost(WAIT).until(() -> Boolean.TRUE.equals(task(task).get("archived")));
        Hub.publish(integration, Hub.activity("moves/freshconsult_v5_story_move_into_project.json", 73687832L, to, storyId, 11));

        await().atMost(WAIT).until(() -> ((Number) task(task).get("parent_id")).longValue() == target);
        await().atMost(WAIT).until(() -> Boolean.FALSE.equals(task(task).get("archived")));
        assertThat(task(task)).containsEntry("path", "Pivotal Tracker / New home " + to + " / qijeiqjweq");   // the recorded name

        // late news from the project it left changes nothing
        Hub.publish(integration, Hub.activity("moves/freshconsult_v5_story_move_from_project.json", 73670796L, from, storyId, 85));
        Hub.publish(integration, Hub.activity("webhook-v5/zulip_v5_started.json", 63495972L, to, storyId, 12));
        await().atMost(WAIT).until(() -> "started".equals(task(task).get("current_state")));
        assertThat(task(task)).containsEntry("archived", false);
        assertThat(((Number) task(task).get("parent_id")).longValue()).isEqualTo(target);
    }

    @Test
    void replayingAThousandEventsTwiceLeavesTheSameRows() throws SQLException {
        long integration = Hub.id();
        long project = Hub.id();
        List<TrackerRecord> records = new ArrayList<>();
        records.add(io.trackerhub.events.kafka.TrackerRecord.snapshot(io.trackerhub.events.kafka.SnapshotKind.PROJECT, project, project,
                Hub.project(project, "Replayed " + project), 1, io.trackerhub.events.kafka.Origin.POLL, integration));
        long[] stories = new long[300];
        for (int i = 0; i < stories.length; i++) {
            stories[i] = Hub.id();
            records.add(Hub.storyRecord(integration, Hub.story(stories[i], project, "Replayed story " + i, i % 5 == 0 ? "accepted" : "started"), 1));
        }
        long version = 2;
        while (records.size() < 1000) {
            long story = stories[(int) (version % stories.length)];
            String fixture = version % 3 == 0 ? "webhook-v5/zulip_v5_delivered.json" : version % 3 == 1 ? "webhook-v5/zulip_v5_rejected.json"
                    : "webhook-v5/zulip_v5_finished.json";
            records.add(Hub.activityRecord(integration, Hub.activity(fixture, 63486316L, project, story, version++)));
        }
        for (int i = 0; i < 300; i += 7) {
            records.add(records.get(1 + i)); // duplicates within the first pass too
        }
        double before = processed();
        Hub.sendAll(records);
        await().atMost(Duration.ofSeconds(90)).until(() -> processed() >= before + records.size());
        List<String> first = rows(integration);
        assertThat(first).hasSize(1 + 1 + stories.length);

        Hub.sendAll(records);
        await().atMost(Duration.ofSeconds(90)).until(() -> processed() >= before + 2L * records.size());
        assertThat(rows(integration)).containsExactlyElementsOf(first);
        assertThat(duplicates()).isGreaterThanOrEqualTo(records.size() + 43);
    }

    @Test
    void aStoryRecordThatCannotBeReadGoesToTheDeadLetterTopicAndTheNextOneIsImported() {
        long integration = Hub.id();
        long project = Hub.id();
        long broken = Hub.id();
        long fine = Hub.id();
        try (io.trackerhub.testkit.KafkaTestClient kafka = new io.trackerhub.testkit.KafkaTestClient()) {
            kafka.produce(io.trackerhub.events.kafka.Topics.STORIES, Long.toString(broken), "{\"kind\": \"story\", \"id\": ",
                    Map.of("ce_id", "story_" + broken + "_v1", "hub-integration", Long.toString(integration)));
            Hub.publishStory(integration, Hub.story(fine, project, "After the broken one", "started"), 1);
            awaitTask("story", fine);
            await().atMost(WAIT).untilAsserted(() -> assertThat(kafka.consumeAll(io.trackerhub.events.kafka.Topics.DEADLETTER, Duration.ofSeconds(5))
                    .stream().filter(r -> Long.toString(broken).equals(r.key())).toList()).singleElement().satisfies(r -> {
                        assertThat(r.header("hub-source-topic")).isEqualTo("tracker.stories");
                        assertThat(r.header("hub-error")).isNotBlank();
                        assertThat(r.header("ce_id")).isEqualTo("story_" + broken + "_v1");
                    }));
        }
        assertThat(Hub.taskOf("story", broken)).isEmpty();
    }

    private static Double number(Object value) {
        return value == null ? null : ((Number) value).doubleValue();
    }

    /** Events the consumers have finished with (any outcome), from /q/metrics. */
    private static double processed() {
        return metric("");
    }

    private static double duplicates() {
        return metric("outcome=\"duplicate\"");
    }

    private static double metric(String filter) {
        String metrics = given().get("/q/metrics").then().statusCode(200).extract().asString();
        double sum = 0;
        for (String line : metrics.split("\n")) {
            if (line.startsWith("hub_timesheet_events_total{") && line.contains(filter)) {
                sum += Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
            }
        }
        return sum;
    }

    private List<String> rows(long integration) throws SQLException {
        List<String> rows = new ArrayList<>();
        try (Connection c = db.getConnection(); PreparedStatement s = c.prepareStatement(
                "select id, kind, parent_id, tracker_id, name, story_type, current_state, estimate, url, version, archived_at, archived_reason, updated_at "
                        + "from task where integration_id = ? order by id")) {
            s.setLong(1, integration);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    StringBuilder row = new StringBuilder();
                    for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
                        row.append(rs.getString(i)).append('|');
                    }
                    rows.add(row.toString());
                }
            }
        }
        return rows;
    }
}
