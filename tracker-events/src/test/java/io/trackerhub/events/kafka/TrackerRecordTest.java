package io.trackerhub.events.kafka;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.trackerhub.events.TrackerJson;
import io.trackerhub.events.activity.Activities;
import io.trackerhub.events.activity.Activity;
import io.trackerhub.events.rest.Notification;
import io.trackerhub.testkit.Fixtures;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

/** The records every producer writes, as a consumer sees them. */
class TrackerRecordTest {

    private static final long INTEGRATION = 7;

    private static Activity activity(String fixture) {
        return Activities.parse(Fixtures.read(fixture));
    }

    private static JsonNode restBody(String cassette, int interaction) {
        return TrackerJson.readTree(TrackerJson.readTree(Fixtures.read(cassette)).get("http_interactions").get(interaction)
                .get("response").get("body").get("string").asText());
    }

    @Test
    void activityRecordIsKeyedByProjectAndCarriesCloudEventHeaders() {
        TrackerRecord record = TrackerRecord.activity(activity("webhook-v5/zulip_v5_commented.json"), Origin.WEBHOOK, INTEGRATION);

        assertThat(record.topic()).isEqualTo("tracker.activity");
        assertThat(record.key()).isEqualTo("807213");
        assertThat(record.headers()).containsExactly(
                entry("ce_specversion", "1.0"),
                entry("ce_id", "807213_61"),
                entry("ce_source", "/tracker/projects/807213"),
                entry("ce_type", "tracker.activity.comment_create_activity"),
                entry("ce_time", "2014-01-08T22:01:14Z"),
                entry("ce_subject", "63486316"),
                entry("content-type", "application/json"),
                entry("hub-origin", "webhook"),
                entry("hub-integration", "7"));
        assertThat(Activities.parseJson(record.value())).isEqualTo(activity("webhook-v5/zulip_v5_commented.json"));
    }

    @Test
    void sameActivityByWebhookMillisAndByRestIsoHasTheSameIdAndValue() {
        ObjectNode webhookBody = (ObjectNode) TrackerJson.readTree(Fixtures.read("webhook-v5/zulip_v5_finished.json"));
        ObjectNode restBody = webhookBody.deepCopy().put("occurred_at",
                Instant.ofEpochMilli(webhookBody.get("occurred_at").asLong()).toString());

        TrackerRecord byWebhook = TrackerRecord.activity(Activities.fromTree(webhookBody), Origin.WEBHOOK, INTEGRATION);
        TrackerRecord byPoll = TrackerRecord.activity(Activities.fromTree(restBody), Origin.POLL, INTEGRATION);

        assertThat(byWebhook.headers().get(CloudEventHeaders.ID)).isEqualTo(byPoll.headers().get(CloudEventHeaders.ID)).isEqualTo("807213_65");
        assertThat(byWebhook.value()).isEqualTo(byPoll.value());
        assertThat(byWebhook.headers().get(CloudEventHeaders.TIME)).isEqualTo(byPoll.headers().get(CloudEventHeaders.TIME));
        assertThat(byPoll.headers()).containsEntry(CloudEventHeaders.HUB_ORIGIN, "poll");
    }

    @Test
    void activityWithoutPrimaryResourceIdHasNoSubject() {
        ObjectNode tree = (ObjectNode) TrackerJson.readTree(Fixtures.read("activity/label_create_activity__1027488_105.json"));
        ((ObjectNode) tree.get("primary_resources").get(0)).remove("id");

        TrackerRecord record = TrackerRecord.activity(Activities.fromTree(tree), Origin.POLL, INTEGRATION);

        assertThat(record.headers()).doesNotContainKey(CloudEventHeaders.SUBJECT);
    }

    @Test
    void v3ActivityIsPublishedInTheV5Shape() {
        TrackerRecord record = TrackerRecord.activity(activity("webhook-v3/zulip_accepted.xml"), Origin.WEBHOOK, INTEGRATION);

        JsonNode value = TrackerJson.readTree(record.value());
        assertThat(value.get("kind").asText()).isEqualTo("story_update_activity");
        assertThat(value.get("occurred_at").asText()).isEqualTo("2013-04-17T20:18:54Z");
        assertThat(record.headers()).containsEntry("ce_id", "807213_11").containsEntry("ce_time", "2013-04-17T20:18:54Z");
    }

    @Test
    void storySnapshotIsKeyedByStoryAndAlwaysNamesItsProject() {
        JsonNode story = restBody("rest-v5/cassettes/get_story.json", 0);
        ((ObjectNode) story).remove("project_id");

        TrackerRecord record = TrackerRecord.snapshot(SnapshotKind.STORY, 66728004, 1027488, story, 233, Origin.POLL, INTEGRATION);

        assertThat(record.topic()).isEqualTo("tracker.stories");
        assertThat(record.key()).isEqualTo("66728004");
        assertThat(TrackerJson.readTree(record.value()).get("project_id").asLong()).isEqualTo(1027488L);
        assertThat(story.has("project_id")).as("the caller's tree is not changed").isFalse();
        assertThat(record.headers()).containsExactly(
                entry("ce_specversion", "1.0"),
                entry("ce_id", "story_66728004_v233"),
                entry("ce_source", "/tracker/projects/1027488"),
                entry("ce_type", "tracker.snapshot.story"),
                entry("ce_time", story.get("updated_at").asText()),
                entry("ce_subject", "66728004"),
                entry("content-type", "application/json"),
                entry("hub-origin", "poll"),
                entry("hub-integration", "7"));
    }

    @Test
    void deletedStoryIsATombstoneWithHeaders() {
        TrackerRecord record = TrackerRecord.snapshot(SnapshotKind.STORY, 82288946, 1027488, null, 94, Origin.WEBHOOK, INTEGRATION);

        assertThat(record.isTombstone()).isTrue();
        assertThat(record.toProducerRecord().value()).isNull();
        assertThat(record.headers()).containsEntry("ce_id", "story_82288946_v94").containsEntry("ce_type", "tracker.snapshot.story")
                .doesNotContainKeys("content-type", "ce_time");
    }

    @Test
    void projectAndEpicSnapshotsGoToTheirTopics() {
        JsonNode project = restBody("rest-v5/cassettes/get_project.json", 0);
        JsonNode epic = restBody("rest-v5/cassettes/get_epic.json", 0);

        TrackerRecord projectRecord = TrackerRecord.snapshot(SnapshotKind.PROJECT, 1027488, 1027488, project, 233, Origin.POLL, INTEGRATION);
        TrackerRecord epicRecord = TrackerRecord.snapshot(SnapshotKind.EPIC, 4737194, 1027488, epic, 233, Origin.POLL, INTEGRATION);

        assertThat(projectRecord.topic()).isEqualTo("tracker.projects");
        assertThat(projectRecord.headers()).containsEntry("ce_type", "tracker.snapshot.project").containsEntry("ce_id", "project_1027488_v233");
        assertThat(epicRecord.topic()).isEqualTo("tracker.epics");
        assertThat(epicRecord.key()).isEqualTo("4737194");
        assertThat(epicRecord.headers()).containsEntry("ce_type", "tracker.snapshot.epic");
        assertThat(TrackerJson.readTree(epicRecord.value())).isEqualTo(epic);
    }

    @Test
    void notificationIsKeyedByItsId() {
        JsonNode item = restBody("rest-v5/cassettes/get_all_notifications.json", 0).get(0);
        Notification notification = TrackerJson.convert(item, Notification.class);

        TrackerRecord record = TrackerRecord.notification(notification, INTEGRATION);

        assertThat(record.topic()).isEqualTo("tracker.notifications");
        assertThat(record.key()).isEqualTo("343759627");
        assertThat(record.headers()).containsEntry("ce_id", "notification_343759627").containsEntry("ce_type", "tracker.notification")
                .containsEntry("ce_source", "/tracker/projects/1027488").containsEntry("ce_subject", "66728014")
                .containsEntry("hub-integration", "7");
        assertThat(TrackerJson.readTree(record.value())).isEqualTo(item);
    }

    @Test
    void syncRequestIsACommandKeyedByIntegration() {
        Instant requestedAt = Instant.parse("2024-05-01T10:00:00Z");

        TrackerRecord record = TrackerRecord.syncRequest(INTEGRATION, "force sync", requestedAt);

        assertThat(record.topic()).isEqualTo("hub.sync-requests");
        assertThat(record.key()).isEqualTo("7");
        assertThat(new String(record.value(), StandardCharsets.UTF_8))
                .isEqualTo("{\"integration_id\":7,\"reason\":\"force sync\",\"requested_at\":\"2024-05-01T10:00:00Z\"}");
        assertThat(record.headers()).containsEntry("ce_id", "sync_7_1714557600000").containsEntry("ce_type", "hub.sync-request")
                .containsEntry("ce_source", "/hub/integrations/7").containsEntry("hub-integration", "7");
        assertThat(SyncRequest.parse(record.value())).isEqualTo(new SyncRequest(7L, "force sync", requestedAt));
    }

    @Test
    void gapSyncRequestNamesTheProjectAndTheVersionsAroundTheGap() {
        Instant requestedAt = Instant.parse("2024-05-01T10:00:00Z");

        TrackerRecord record = TrackerRecord.gapSyncRequest(INTEGRATION, 807213, 17, 20, requestedAt);

        assertThat(record.key()).isEqualTo("7");
        assertThat(new String(record.value(), StandardCharsets.UTF_8)).isEqualTo("{\"integration_id\":7,\"reason\":\"gap\","
                + "\"requested_at\":\"2024-05-01T10:00:00Z\",\"project_id\":807213,\"from_version\":17,\"to_version\":20}");
        assertThat(record.headers()).containsEntry("ce_id", "gap_807213_17_20").containsEntry("ce_type", "hub.sync-request");
        assertThat(SyncRequest.parse(record.value())).isEqualTo(SyncRequest.gap(7, 807213, 17, 20, requestedAt));
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> TrackerRecord.gapSyncRequest(INTEGRATION, 807213, 17, 18, requestedAt))
                .hasMessageContaining("no version lies between 17 and 18");
    }

    @Test
    void deadLetterKeepsKeyValueAndHeadersAndSaysWhy() {
        TrackerRecord original = TrackerRecord.activity(activity("webhook-v5/zulip_v5_started.json"), Origin.WEBHOOK, INTEGRATION);
        ConsumerRecord<String, byte[]> consumed = new ConsumerRecord<>(original.topic(), 3, 42L, original.key(), original.value());
        original.toProducerRecord().headers().forEach(h -> consumed.headers().add(h));

        TrackerRecord dead = TrackerRecord.deadLetter(consumed, "Jira said 503\nService Unavailable", 5);

        assertThat(dead.topic()).isEqualTo("hub.deadletter");
        assertThat(dead.key()).isEqualTo(original.key());
        assertThat(dead.value()).isEqualTo(original.value());
        assertThat(dead.headers()).containsAllEntriesOf(original.headers())
                .containsEntry("hub-error", "Jira said 503 Service Unavailable")
                .containsEntry("hub-source-topic", "tracker.activity")
                .containsEntry("hub-attempts", "5");
    }

    @Test
    void producerRecordCarriesKeyValueAndUtf8Headers() {
        TrackerRecord record = TrackerRecord.activity(activity("webhook-v5/zulip_v5_moved.json"), Origin.POLL, INTEGRATION);

        ProducerRecord<String, byte[]> producerRecord = record.toProducerRecord();

        assertThat(producerRecord.topic()).isEqualTo(Topics.ACTIVITY);
        assertThat(producerRecord.key()).isEqualTo("807213");
        assertThat(producerRecord.partition()).isNull();
        assertThat(producerRecord.value()).isEqualTo(record.value());
        assertThat(CloudEventHeaders.toMap(producerRecord.headers())).isEqualTo(record.headers());
        Header type = producerRecord.headers().lastHeader("ce_type");
        assertThat(new String(type.value(), StandardCharsets.UTF_8)).isEqualTo("tracker.activity.story_move_activity");
    }

    @Test
    void headersReadBackAsEventMeta() {
        TrackerRecord record = TrackerRecord.activity(activity("webhook-v5/zulip_v5_moved.json"), Origin.POLL, INTEGRATION);

        EventMeta meta = CloudEventHeaders.read(record.toProducerRecord().headers());

        assertThat(meta).isEqualTo(new EventMeta("1.0", "807213_84", "tracker.activity.story_move_activity", "/tracker/projects/807213",
                Instant.ofEpochMilli(1389282538000L), "63496066", "application/json", Origin.POLL, 7L));
        assertThat(meta.isActivity()).isTrue();
        assertThat(meta.isSnapshot()).isFalse();
    }

    @Test
    void malformedHubHeadersAreReportedByName() {
        var headers = CloudEventHeaders.toHeaders(Map.of("hub-integration", "seven"));
        assertThatThrownBy(() -> CloudEventHeaders.read(headers)).hasMessage("header hub-integration must be a decimal id, got \"seven\"");

        var origin = CloudEventHeaders.toHeaders(Map.of("hub-origin", "email"));
        assertThatThrownBy(() -> CloudEventHeaders.read(origin)).hasMessage("header hub-origin must be webhook or poll, got \"email\"");
    }

    @Test
    void integrationIdsArePositive() {
        Activity started = activity("webhook-v5/zulip_v5_started.json");
        assertThatThrownBy(() -> TrackerRecord.activity(started, Origin.WEBHOOK, 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("integration ids are positive, got 0");
    }

    @Test
    void toStringLeavesThePayloadOut() {
        TrackerRecord record = TrackerRecord.activity(activity("webhook-v5/zulip_v5_started.json"), Origin.WEBHOOK, INTEGRATION);

        assertThat(record.toString()).contains("bytes").doesNotContain("Leo Franchi");
    }
}
