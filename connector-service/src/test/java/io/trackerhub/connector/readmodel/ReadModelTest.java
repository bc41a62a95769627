package io.trackerhub.connector.readmodel;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.trackerhub.connector.ExternalSystems;
import io.trackerhub.connector.Hub;
import io.trackerhub.events.kafka.Topics;
import io.trackerhub.connector.TrackerFeed;
import io.trackerhub.events.TrackerJson;
import io.trackerhub.events.kafka.SnapshotKind;
import io.trackerhub.events.kafka.TrackerRecord;
import io.trackerhub.testkit.KafkaBroker;
import io.trackerhub.testkit.PostgresDatabase;
import io.trackerhub.testkit.TrackerSimulatorResource;
import org.junit.jupiter.api.Test;

import java.time.Instant;

import static io.trackerhub.connector.TrackerFeed.id;
import static org.assertj.core.api.Assertions.assertThat;

/** Snapshots, activities and notifications in → the read model's rows out, once, with the latest version winning. */
@QuarkusTest
@WithTestResource(KafkaBroker.class)
@WithTestResource(PostgresDatabase.class)
@WithTestResource(TrackerSimulatorResource.class)
@WithTestResource(ExternalSystems.class)
class ReadModelTest {

    static JsonNode rows(String dataset, long projectId) {
        return TrackerJson.readTree(TrackerFeed.reader().get("/api/datasets/" + dataset + "?project_id=" + projectId)
                .then().statusCode(200).extract().asString()).get("data");
    }

    static JsonNode json(String text) {
        return TrackerJson.readTree(text);
    }

    @Test
    void snapshotsBecomeRowsAndReplaysOrOlderVersionsChangeNothing() {
        long p = id(), epic = id(), label = id(), s = id();
        TrackerFeed.publishAndWait(SnapshotKind.PROJECT, p, p, TrackerFeed.project(p, n -> n.put("name", "Shop")), 10);
        TrackerFeed.publishAndWait(SnapshotKind.EPIC, epic, p, TrackerFeed.epic(epic, p, n -> ((ObjectNode) n.get("label")).put("id", label)), 10);
        ObjectNode story = TrackerFeed.story(s, p, n -> {
            n.put("name", "Checkout fails").put("estimate", 2);
            n.putArray("labels").addObject().put("kind", "label").put("id", label).put("project_id", p).put("name", "admin");
        });
        TrackerRecord first = TrackerFeed.publishAndWait(SnapshotKind.STORY, s, p, story, 11);

        JsonNode expected = json("""
                {"id": %d, "project_id": %d, "project_name": "Shop", "name": "Checkout fails", "description": "+++++++++",
                 "story_type": "bug", "current_state": "started", "estimate": 2, "labels": ["admin"], "epics": ["Admin Users"],
                 "owner_ids": [1266314, 1266316], "requested_by_id": 1266314, "url": "https://www.pivotaltracker.com/story/show/%d",
                 "external_id": null, "integration_url": null, "deadline": null, "started_at": null, "accepted_at": null,
                 "created_at": "2014-02-17T00:00:00Z", "updated_at": "2017-05-03T23:28:56Z"}""".formatted(s, p, s));
        assertThat(rows("stories", p)).containsExactly(expected);
        assertThat(rows("epics", p)).containsExactly(json("""
                {"id": %d, "project_id": %d, "project_name": "Shop", "name": "Admin Users", "description": "Get the Admin users working on the site",
                 "label": "admin", "url": "https://www.pivotaltracker.com/epic/show/%d", "created_at": "2014-03-02T07:11:07Z",
                 "updated_at": "2014-03-02T07:11:07Z"}""".formatted(epic, p, epic)));
        JsonNode project = TrackerJson.readTree(TrackerFeed.reader().get("/api/datasets/projects?project_id=" + p).then().statusCode(200)
                .extract().asString()).get("data");
        assertThat(project).containsExactly(json("""
                {"id": %d, "name": "Shop", "description": null, "version": 10, "account_id": 621384, "iteration_length": 1,
                 "week_start_day": "Monday", "point_scale": "0,1,2,3", "public": false, "project_type": "demo",
                 "current_iteration_number": 169, "current_velocity": null, "start_time": "2014-02-10T08:00:00Z",
                 "created_at": "2014-03-02T07:11:04Z", "updated_at": "2014-03-02T07:11:04Z"}""".formatted(p)));

        // the same record again, then an older version of the story: neither changes the row
        TrackerFeed.send(first);
        TrackerFeed.publishAndWait(SnapshotKind.STORY, s, p, TrackerFeed.story(s, p, n -> n.put("name", "Old name")), 9);
        assertThat(rows("stories", p)).containsExactly(expected);

        // deleted (tombstone), and an older snapshot arriving late does not bring it back
        TrackerFeed.publishAndWait(SnapshotKind.STORY, s, p, null, 12);
        assertThat(rows("stories", p)).isEmpty();
        TrackerFeed.publishAndWait(SnapshotKind.STORY, s, p, TrackerFeed.story(s, p, n -> n.put("name", "Late")), 8);
        assertThat(rows("stories", p)).isEmpty();
        // a newer snapshot does (the story was restored in Tracker)
        TrackerFeed.publishAndWait(SnapshotKind.STORY, s, p, TrackerFeed.story(s, p, n -> n.put("name", "Restored")), 13);
        assertThat(rows("stories", p)).extracting(r -> r.get("name").asText()).containsExactly("Restored");
    }

    @Test
    void aMovedStoryStaysInItsNewProjectWhateverTheOldProjectSendsAfter() {
        long from = id(), to = id(), s = id();
        TrackerFeed.publishAndWait(SnapshotKind.STORY, s, from, TrackerFeed.story(s, from, n -> n.put("updated_at", "2017-05-03T23:28:56Z")), 30);
        // moved: the destination's snapshot (its own, lower, version; a later updated_at), then the source's tombstone
        TrackerFeed.publishAndWait(SnapshotKind.STORY, s, to, TrackerFeed.story(s, to, n -> n.put("updated_at", "2017-05-04T08:00:00Z")), 5);
        TrackerFeed.publishAndWait(SnapshotKind.STORY, s, from, null, 31);
        assertThat(rows("stories", to)).extracting(r -> r.get("id").asLong()).containsExactly(s);
        assertThat(rows("stories", from)).isEmpty();

        // the source's last snapshot from before the move, arriving late: the row stays where the story is now
        TrackerFeed.publishAndWait(SnapshotKind.STORY, s, from, TrackerFeed.story(s, from, n -> n.put("updated_at", "2017-05-03T23:29:40Z")), 31);
        assertThat(rows("stories", to)).extracting(r -> r.get("id").asLong()).containsExactly(s);
        assertThat(rows("stories", from)).isEmpty();
    }

    @Test
    void aDeleteOfManyStoriesDeletesEveryStoryItLists() {
        long p = id();
        // the recorded multi-delete (14 stories, project 1027488 version 94) as project p's; its stories known to the read model
        ObjectNode recorded = (ObjectNode) TrackerJson.readTree(io.trackerhub.testkit.Fixtures.read("activity/story_delete_activity__1027488_94.json"));
        recorded.put("guid", p + "_95").put("project_version", 95);
        ((ObjectNode) recorded.get("project")).put("id", p);
        java.util.List<Long> listed = new java.util.ArrayList<>();
        recorded.get("primary_resources").forEach(r -> listed.add(r.get("id").asLong()));
        for (long s : listed) {
            TrackerFeed.publishAndWait(SnapshotKind.STORY, s, p, TrackerFeed.story(s, p, n -> { }), 90);
        }
        // a body that lists a story only among its primary resources (one change dropped) deletes it too
        ((com.fasterxml.jackson.databind.node.ArrayNode) recorded.get("changes")).remove(0);
        assertThat(rows("stories", p)).hasSize(listed.size());

        TrackerFeed.awaitApplied(TrackerFeed.publishActivity(io.trackerhub.events.activity.Activities.parseJson(recorded.toString())));

        assertThat(rows("stories", p)).isEmpty();
    }

    @Test
    void activityBringsStateChangesAndTheFirstStartBeforeTheNextSnapshot() {
        long p = id(), s = id();
        TrackerFeed.publishAndWait(SnapshotKind.STORY, s, p, TrackerFeed.story(s, p, n -> n.put("current_state", "unstarted")
                .put("story_type", "feature").put("updated_at", "2014-01-08T22:00:00Z")), 20);

        // "Leo Franchi started this feature" (web hook, occurred 2014-01-08T22:08:18Z) at version 21
        TrackerRecord started = TrackerFeed.publishActivity(TrackerFeed.activity("zulip_v5_started.json", p, s, 21));
        TrackerFeed.awaitApplied(started);
        JsonNode row = rows("stories", p).get(0);
        assertThat(row.get("current_state").asText()).isEqualTo("started");
        assertThat(row.get("started_at").asText()).isEqualTo("2014-01-08T22:08:18Z");
        assertThat(row.get("updated_at").asText()).isEqualTo("2014-01-08T22:08:18Z");

        // an older activity (version 19: "finished") arriving late is stale; a replay of the start changes nothing
        TrackerFeed.send(started);
        TrackerFeed.awaitApplied(TrackerFeed.publishActivity(TrackerFeed.activity("zulip_v5_finished.json", p, s, 19)));
        assertThat(rows("stories", p).get(0).get("current_state").asText()).isEqualTo("started");

        // the next snapshot wins over the activity, and the first start stays known
        TrackerFeed.publishAndWait(SnapshotKind.STORY, s, p, TrackerFeed.story(s, p, n -> n.put("current_state", "finished")
                .put("story_type", "feature").put("updated_at", "2014-01-09T10:00:00Z")), 22);
        row = rows("stories", p).get(0);
        assertThat(row.get("current_state").asText()).isEqualTo("finished");
        assertThat(row.get("started_at").asText()).isEqualTo("2014-01-08T22:08:18Z");

        String asOf = TrackerFeed.reader().get("/api/datasets/stories?project_id=" + p).then().statusCode(200)
                .header("X-As-Of", org.hamcrest.Matchers.notNullValue()).extract().jsonPath().getString("as_of");
        assertThat(Instant.parse(asOf)).isAfterOrEqualTo(Instant.parse("2014-01-09T10:00:00Z"));
    }

    @Test
    void aNotificationIsOneRowThatTakesItsLaterStates() {
        long p = id(), n = id();
        TrackerRecord unread = TrackerFeed.publishNotification(TrackerFeed.notification(n, p, x -> { }));
        TrackerFeed.awaitApplied(unread);
        JsonNode expected = json("""
                {"id": %d, "project_id": %d, "project_name": "My Sample Project", "performer_id": 1266316, "performer_name": "Tracker API User2",
                 "message": "You were mentioned by Tracker API User2", "context": "@trackerapi1 yo.", "notification_type": "comment_with_mention",
                 "action": "create", "story_id": 66728014, "story_name": "Shopper should be able to enter credit card information and shipping address",
                 "epic_id": null, "epic_name": null, "comment_id": 170363537, "read_at": null, "created_at": "2017-05-03T23:34:05Z",
                 "updated_at": "2017-05-03T23:34:05Z"}""".formatted(n, p));
        assertThat(rows("notifications", p)).containsExactly(expected);

        // read a day later: same notification id, a later state
        TrackerRecord read = TrackerFeed.publishNotification(TrackerFeed.notification(n, p, x -> x.put("read_at", "2017-05-04T09:00:00Z")
                .put("updated_at", "2017-05-04T09:00:00Z")));
        Awaiting.until(() -> rows("notifications", p).get(0).get("read_at").isTextual());
        // the unread state delivered again changes nothing
        TrackerFeed.send(unread);
        TrackerFeed.awaitApplied(TrackerFeed.publishNotification(TrackerFeed.notification(id(), id(), x -> { })));
        JsonNode row = rows("notifications", p).get(0);
        assertThat(row.get("read_at").asText()).isEqualTo("2017-05-04T09:00:00Z");
        assertThat(row.get("updated_at").asText()).isEqualTo("2017-05-04T09:00:00Z");
        assertThat(read.headers().get("ce_id")).isEqualTo(unread.headers().get("ce_id"));
    }

    @Test
    void aRemovedProjectTakesItsStoriesAndEpicsOutOfTheDatasets() {
        long p = id(), s = id(), epic = id();
        TrackerFeed.publishAndWait(SnapshotKind.PROJECT, p, p, TrackerFeed.project(p, n -> { }), 3);
        TrackerFeed.publishAndWait(SnapshotKind.EPIC, epic, p, TrackerFeed.epic(epic, p, n -> { }), 3);
        TrackerFeed.publishAndWait(SnapshotKind.STORY, s, p, TrackerFeed.story(s, p, n -> { }), 3);
        assertThat(rows("stories", p)).hasSize(1);

        TrackerFeed.publishAndWait(SnapshotKind.PROJECT, p, p, null, 4);
        assertThat(rows("projects", p)).isEmpty();
        assertThat(rows("stories", p)).isEmpty();
        assertThat(rows("epics", p)).isEmpty();
    }

    @Test
    void aRecordThatIsNotASnapshotGoesToTheDeadLetterTopicAndTheNextOneIsApplied() {
        long p = id(), s = id();
        String key = String.valueOf(id());
        Hub.kafka().produce(Topics.STORIES, key, "{\"kind\": \"story\", \"id\": " + key + "}",
                java.util.Map.of("ce_id", "story_" + key + "_v1", "ce_type", "tracker.snapshot.story", "hub-integration", "7"));
        TrackerFeed.publishAndWait(SnapshotKind.STORY, s, p, TrackerFeed.story(s, p, n -> { }), 3);
        assertThat(rows("stories", p)).hasSize(1);
        Awaiting.until(() -> Hub.kafka().consumeAll(Topics.DEADLETTER, java.time.Duration.ofSeconds(10)).stream()
                .anyMatch(r -> key.equals(r.key()) && Topics.STORIES.equals(r.header("hub-source-topic"))
                        && r.header("hub-error").contains("ce_source")));
    }

    static final class Awaiting {
        static void until(java.util.concurrent.Callable<Boolean> condition) {
            org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(30)).ignoreExceptions().until(condition);
        }
    }
}
