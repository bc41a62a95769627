package io.trackerhub.poller.sync;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.trackerhub.events.kafka.CloudEventHeaders;
import io.trackerhub.events.kafka.Topics;
import io.trackerhub.events.kafka.TrackerRecord;
import io.trackerhub.poller.Hub;
import io.trackerhub.testkit.KafkaBroker;
import io.trackerhub.testkit.KafkaTestClient.Received;
import io.trackerhub.testkit.PostgresDatabase;
import io.trackerhub.testkit.TrackerSimulatorResource;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

@QuarkusTest
@WithTestResource(KafkaBroker.class)
@WithTestResource(PostgresDatabase.class)
@WithTestResource(TrackerSimulatorResource.class)
class GapAndForceTest {

    @Test
    void aGapReportedByIngestIsBackfilledWithExactlyTheMissingVersionsAndEachActivityIsPublishedOnce() {
        Map<String, Object> world = TrackerSimulatorResource.seed(601, 1, 40);
        String token = (String) world.get("api_token");
        long p = Hub.projectIds(world).get(0);
        long id = Hub.link(token, List.of(p));
        Hub.awaitSettled(id, Duration.ofSeconds(60));
        long v = Hub.projectVersion(token, p);
        long story = Hub.storyIds(token, p).get(0);
        for (int i = 1; i <= 3; i++) {
            Hub.tracker(token).body(Map.of("name", "Change " + i)).put("/projects/{p}/stories/{s}", p, story).then().statusCode(200);
        }

        // as the ingest service reports it: the web hook of v+3 arrived, those of v+1 and v+2 were dropped
        send(TrackerRecord.gapSyncRequest(id, p, v, v + 3, Instant.now()));
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> Hub.records(Topics.ACTIVITY, id).size() >= 2);
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> !Hub.integration(id).getBoolean("progress.running"));
        JsonPath afterGap = Hub.integration(id);
        assertThat(afterGap.getString("progress.reason")).isEqualTo("gap");
        assertThat(guids(id)).containsExactly(p + "_" + (v + 1), p + "_" + (v + 2));
        // the story's snapshot follows the backfilled activity
        assertThat(Hub.records(Topics.STORIES, id).stream().filter(r -> r.key().equals(String.valueOf(story))).map(r -> r.header(CloudEventHeaders.ID)))
                .contains("story_" + story + "_v" + (v + 3));

        // the same gap reported again, then a force sync sent over Kafka: only v+3 is new
        send(TrackerRecord.gapSyncRequest(id, p, v, v + 3, Instant.now()));
        send(TrackerRecord.syncRequest(id, "force sync", Instant.now()));
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> guids(id).size() >= 3);
        Hub.forceSync(id);
        assertThat(guids(id)).containsExactly(p + "_" + (v + 1), p + "_" + (v + 2), p + "_" + (v + 3));
    }

    @Test
    void forceSynchronizationPublishesAChangeWithoutWaitingForTheInterval() {
        Map<String, Object> world = TrackerSimulatorResource.seed(602, 1, 20);
        String token = (String) world.get("api_token");
        long p = Hub.projectIds(world).get(0);
        long id = Hub.link(token, List.of(p));
        Hub.awaitSettled(id, Duration.ofSeconds(60));
        long story = Hub.storyIds(token, p).get(3);
        Hub.tracker(token).body(Map.of("name", "Forced through")).put("/projects/{p}/stories/{s}", p, story).then().statusCode(200);

        JsonPath view = Hub.forceSync(id);

        assertThat(view.getString("progress.outcome")).isEqualTo("ok");
        assertThat(view.getString("next_sync_at")).isNotNull();
        List<Received> activity = Hub.records(Topics.ACTIVITY, id);
        assertThat(activity).hasSize(1);
        assertThat(activity.get(0).header(CloudEventHeaders.TYPE)).isEqualTo("tracker.activity.story_update_activity");
        Received snapshot = Hub.records(Topics.STORIES, id).stream().filter(r -> r.key().equals(String.valueOf(story)))
                .reduce((a, b) -> b).orElseThrow();
        assertThat(JsonPath.from(snapshot.value()).getString("name")).isEqualTo("Forced through");
    }

    private static List<String> guids(long id) {
        return Hub.records(Topics.ACTIVITY, id).stream().map(r -> r.header(CloudEventHeaders.ID)).sorted().toList();
    }

    private static void send(TrackerRecord record) {
        Hub.kafka().produce(record.topic(), record.key(), new String(record.value(), StandardCharsets.UTF_8), record.headers());
    }
}
