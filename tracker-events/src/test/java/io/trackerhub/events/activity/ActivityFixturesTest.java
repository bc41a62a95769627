package io.trackerhub.events.activity;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.trackerhub.events.TrackerJson;
import io.trackerhub.testkit.Fixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;

import static io.trackerhub.events.JsonTrees.assertEquivalent;
import static org.assertj.core.api.Assertions.assertThat;

/** The real v5 activity Tracker sent, by web hook (millis) and by REST (ISO strings). */
class ActivityFixturesTest {

    static Stream<Path> v5Activities() {
        return Stream.of(Fixtures.list("webhook-v5", ".json"), Fixtures.list("activity", ".json"), Fixtures.list("moves", ".json"),
                Fixtures.list("deletes", ".json")).flatMap(List::stream);
    }

    private static byte[] bytes(Path file) throws IOException {
        return Files.readAllBytes(file);
    }

    private static Activity fixture(String relativePath) {
        return Activities.parse(Fixtures.read(relativePath));
    }

    @ParameterizedTest
    @MethodSource("v5Activities")
    void everyRecordedV5ActivityParses(Path file) throws IOException {
        Activity activity = Activities.parse(bytes(file));

        assertThat(activity.kind()).endsWith("_activity");
        assertThat(activity.guid()).isEqualTo(activity.projectId() + "_" + activity.projectVersion());
        assertThat(activity.occurredAt()).isAfter(Instant.parse("2013-01-01T00:00:00Z"));
        assertThat(activity.performedBy().name()).isNotBlank();
        assertThat(activity.changes()).isNotEmpty();
    }

    @ParameterizedTest
    @MethodSource("v5Activities")
    void reSerialisingGivesBackTheSameJsonWithOccurredAtAsAnIsoString(Path file) throws IOException {
        Activity activity = Activities.parseJson(bytes(file));

        JsonNode written = TrackerJson.readTree(Activities.toJsonBytes(activity));

        assertEquivalent(written, TrackerJson.readTree(bytes(file)));
        assertThat(written.get("occurred_at").isTextual()).isTrue();
    }

    @ParameterizedTest
    @MethodSource("v5Activities")
    void parsingTheWrittenJsonGivesTheSameActivity(Path file) throws IOException {
        Activity activity = Activities.parseJson(bytes(file));

        assertThat(Activities.parseJson(Activities.toJson(activity))).isEqualTo(activity);
    }

    @Test
    void webhookTimestampIsReadAsEpochMilliseconds() {
        Activity estimated = fixture("webhook-v5/zulip_pivotal_v5_created_estimate.json");

        assertThat(estimated.occurredAt()).isEqualTo(Instant.ofEpochMilli(1389218976000L));
        assertThat(Activities.toTree(estimated).get("occurred_at").asText()).isEqualTo("2014-01-08T22:09:36Z");
    }

    @Test
    void timestampsInsideChangesStayAsReceived() {
        Activity delivered = fixture("webhook-v5/zulip_v5_delivered.json");
        Activity restUpdate = fixture("activity/story_update_activity__1027488_110.json");

        JsonNode webhookValues = Activities.toTree(delivered).get("changes").get(0).get("new_values");
        JsonNode restValues = Activities.toTree(restUpdate).get("changes").get(0).get("new_values");

        assertThat(webhookValues.get("updated_at").isIntegralNumber()).isTrue();
        assertThat(webhookValues.get("accepted_at").isNull()).isTrue();
        assertThat(restValues.get("updated_at").asText()).isEqualTo("2016-02-13T23:35:50Z");
    }

    @Test
    void storyStateChangeIsReadableFromTheChange() {
        Activity accepted = fixture("webhook-v5/zulip_v5_finished.json");

        Change story = accepted.changesOf("story").get(0);

        assertThat(story.changeType()).isEqualTo(Change.UPDATE);
        assertThat(story.id()).isEqualTo(63486316L);
        assertThat(story.newValue("current_state")).hasValueSatisfying(v -> assertThat(v.asText()).isEqualTo("accepted"));
        assertThat(story.originalValue("current_state")).hasValueSatisfying(v -> assertThat(v.asText()).isEqualTo("delivered"));
        assertThat(story.newValue("estimate")).isEmpty();
    }

    @Test
    void oneStoryDeleteActivityDeletesManyStoriesWithoutNewValues() {
        Activity deleted = fixture("activity/story_delete_activity__1027488_94.json");

        assertThat(deleted.changes()).hasSize(14).allSatisfy(change -> {
            assertThat(change.changeType()).isEqualTo(Change.DELETE);
            assertThat(change.newValues()).isNull();
            assertThat(change.originalValues()).isNull();
        });
        assertThat(deleted.primaryResources()).hasSize(14);
        assertThat(deleted.storyChanges()).extracting(Change::id)
                .containsExactlyInAnyOrderElementsOf(deleted.primaryResources().stream().map(Resource::id).toList());

        // a body listing a deleted story only among its primary resources still deletes it
        Activity fewer = new Activity(deleted.kind(), deleted.guid(), deleted.projectVersion(), deleted.message(), deleted.highlight(),
                deleted.changes().subList(1, 14), deleted.primaryResources(), null, deleted.project(), deleted.performedBy(),
                deleted.occurredAt(), deleted.others());
        assertThat(fewer.storyChanges()).hasSize(14).extracting(Change::changeType).containsOnly(Change.DELETE);
    }

    @Test
    void helpersNameProjectPrimaryResourceAndEventType() {
        Activity commented = fixture("webhook-v5/zulip_v5_commented.json");

        assertThat(commented.projectId()).isEqualTo(807213L);
        assertThat(commented.primaryResourceId()).contains(63486316L);
        assertThat(commented.ceType()).isEqualTo("tracker.activity.comment_create_activity");
        assertThat(commented.changesOf("comment")).extracting(Change::id).containsExactly(59124096L);
    }

    @Test
    void absentSecondaryResourcesStayAbsentAndAnEmptyListStaysEmpty() {
        Activity without = fixture("activity/story_update_activity__1027488_110.json");
        Activity withEmpty = fixture("activity/comment_update_activity__1027488_231.json");

        assertThat(without.secondaryResources()).isNull();
        assertThat(Activities.toTree(without).has("secondary_resources")).isFalse();
        assertThat(withEmpty.secondaryResources()).isEmpty();
        assertThat(Activities.toTree(withEmpty).get("secondary_resources").isArray()).isTrue();
    }

    @Test
    void unknownKindAndUnknownFieldsPassThrough() {
        ObjectNode tree = (ObjectNode) TrackerJson.readTree(Fixtures.read("webhook-v5/zulip_v5_moved.json"));
        tree.put("kind", "blocker_create_activity");
        tree.putObject("future_field").put("nested", true);
        ((ObjectNode) tree.get("changes").get(0)).put("future_change_field", 7);
        ((ObjectNode) tree.get("performed_by")).put("avatar_url", "https://example.test/a.png");

        Activity activity = Activities.fromTree(tree);

        assertThat(activity.kind()).isEqualTo("blocker_create_activity");
        assertThat(activity.ceType()).isEqualTo("tracker.activity.blocker_create_activity");
        assertThat(activity.others()).containsKey("future_field");
        assertEquivalent(Activities.toTree(activity), tree);
    }

    @Test
    void primaryResourceWithoutIdIsValidAndIsSkippedForTheSubject() {
        // project_membership_create_activity names the new member without an id.
        ObjectNode tree = (ObjectNode) TrackerJson.readTree(Fixtures.read("activity/label_create_activity__1027488_105.json"));
        tree.put("kind", "project_membership_create_activity");
        ((ObjectNode) tree.get("primary_resources").get(0)).remove("id");
        ((ObjectNode) tree.get("primary_resources").get(0)).put("kind", "person");

        Activity activity = Activities.fromTree(tree);

        assertThat(activity.primaryResources().get(0).id()).isNull();
        assertThat(activity.primaryResourceId()).isEmpty();
        assertEquivalent(Activities.toTree(activity), tree);
    }

    @Test
    void missingGuidIsDerivedFromProjectAndVersion() {
        ObjectNode tree = (ObjectNode) TrackerJson.readTree(Fixtures.read("webhook-v5/zulip_v5_started.json"));
        String guid = tree.remove("guid").asText();

        assertThat(Activities.fromTree(tree).guid()).isEqualTo(guid);
    }

    @Test
    void missingProjectAndVersionAreDerivedFromGuid() {
        ObjectNode tree = (ObjectNode) TrackerJson.readTree(Fixtures.read("webhook-v5/zulip_v5_started.json"));
        tree.remove("project");
        tree.remove("project_version");

        Activity activity = Activities.fromTree(tree);

        assertThat(activity.projectId()).isEqualTo(807213L);
        assertThat(activity.project().id()).isEqualTo(807213L);
        assertThat(activity.projectVersion()).isEqualTo(Long.parseLong(activity.guid().split("_")[1]));
    }

    @Test
    void jsonPostedAsXmlIsRecognisedByItsBody() {
        String body = "\uFEFF\n  " + Fixtures.read("webhook-v5/zulip_v5_started.json");

        assertThat(Activities.parse(body).guid()).isEqualTo(fixture("webhook-v5/zulip_v5_started.json").guid());
    }

    @Test
    void anActivityPageFromRestParsesAsAList() throws IOException {
        JsonNode cassette = TrackerJson.readTree(Fixtures.read("rest-v5/cassettes/get_project_activity.json"));
        String body = cassette.get("http_interactions").get(0).get("response").get("body").get("string").asText();

        List<Activity> page = Activities.parseJsonList(body.getBytes());

        assertThat(page).hasSize(TrackerJson.readTree(body).size()).isNotEmpty();
        // Newest first: project versions go down the page.
        assertThat(page).extracting(Activity::projectVersion).isSortedAccordingTo((a, b) -> Long.compare(b, a));
    }
}
