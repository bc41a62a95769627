package io.trackerhub.notification.delivery;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.trackerhub.events.TrackerJson;
import io.trackerhub.events.activity.Activities;
import io.trackerhub.events.activity.Activity;
import io.trackerhub.notification.Hub;
import io.trackerhub.notification.Receiver;
import io.trackerhub.testkit.Fixtures;
import io.trackerhub.testkit.KafkaBroker;
import io.trackerhub.testkit.PostgresDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Tracker's Activity Web Hook, sent on: v5 JSON as Tracker sent it, or legacy v3 XML that tracker-events reads back. */
@QuarkusTest
@WithTestResource(KafkaBroker.class)
@WithTestResource(PostgresDatabase.class)
class WebhookChannelTest {

    static Receiver receiver;

    @BeforeAll
    static void start() {
        receiver = new Receiver();
    }

    @AfterAll
    static void stop() {
        receiver.close();
    }

    private static List<String> v5Fixtures() {
        return Fixtures.list("webhook-v5", ".json").stream().map(p -> "webhook-v5/" + p.getFileName()).toList();
    }

    private static List<String> v3Fixtures() {
        return Fixtures.list("webhook-v3", ".xml").stream().map(p -> "webhook-v3/" + p.getFileName()).toList();
    }

    @Test
    void v5ReceiversGetTheBodyTrackerSentWithEpochMillisecondTimes() {
        long project = Hub.uniqueProject();
        Hub.channel("""
                {"type": "webhook", "name": "v5", "project_ids": [%d], "config": {"url": "%s", "version": "v5"}}"""
                .formatted(project, receiver.url("/v5")));

        for (String fixture : v5Fixtures()) {
            Hub.publish(Hub.fixture(fixture, project));
        }

        await().atMost(Duration.ofSeconds(20)).until(() -> receiver.at("/v5").size() == v5Fixtures().size());
        List<JsonNode> received = receiver.bodiesAt("/v5").stream().map(TrackerJson::readTree).toList();
        for (int i = 0; i < v5Fixtures().size(); i++) {
            ObjectNode original = (ObjectNode) TrackerJson.readTree(Fixtures.read(v5Fixtures().get(i)));
            ((ObjectNode) original.get("project")).put("id", project);
            original.put("guid", project + "_" + original.get("project_version").asLong());
            original.withArray("changes").forEach(change -> {
                if (change.path("new_values").has("project_id")) {
                    ((ObjectNode) change.get("new_values")).put("project_id", project);
                }
            });
            // re-read, so that numbers compare by value (a long put in the tree vs an int read from the wire)
            assertThat(received.get(i)).as(v5Fixtures().get(i)).isEqualTo(TrackerJson.readTree(original.toString()));
            assertThat(received.get(i).get("occurred_at").isIntegralNumber()).isTrue();
        }
        assertThat(receiver.at("/v5").get(0).header("content-type")).isEqualTo("application/json");
        // the same key on every attempt of a delivery: a receiver can drop a send repeated after a crash
        assertThat(receiver.at("/v5").get(0).header("idempotency-key")).startsWith(received.get(0).get("guid").asText() + "/channel/");
    }

    @Test
    void v3ReceiversGetXmlThatReadsBackAsTheSameActivity() {
        long project = Hub.uniqueProject();
        Hub.channel("""
                {"type": "webhook", "name": "v3", "project_ids": [%d], "config": {"url": "%s", "version": "v3"}}"""
                .formatted(project, receiver.url("/v3")));
        List<Activity> sent = v3Fixtures().stream().map(fixture -> Hub.fixture(fixture, project)).toList();

        sent.forEach(Hub::publish);

        await().atMost(Duration.ofSeconds(20)).until(() -> receiver.at("/v3").size() == sent.size());
        List<Activity> readBack = receiver.bodiesAt("/v3").stream().map(Activities::parseV3Xml).toList();
        assertThat(readBack).isEqualTo(sent);
        assertThat(receiver.at("/v3").get(0).header("content-type")).isEqualTo("application/xml");
        assertThat(receiver.bodiesAt("/v3").get(0)).contains("<activity>");
    }

    @Test
    void aWebHookFilteredByKindGetsOnlyThoseKinds() {
        long project = Hub.uniqueProject();
        Hub.channel("""
                {"type": "webhook", "name": "comments only", "project_ids": [%d], "kinds": ["comment_create_activity"],
                 "config": {"url": "%s"}}""".formatted(project, receiver.url("/kinds")));

        for (String fixture : v5Fixtures()) {
            Hub.publish(Hub.fixture(fixture, project));
        }
        // a marker of the wanted kind after all the others: once it is there, everything before it was considered
        Hub.publish(Hub.inProject(Hub.fixture("webhook-v5/zulip_v5_commented.json", project), project, 1000));

        await().atMost(Duration.ofSeconds(20)).until(() -> receiver.at("/kinds").size() == 2);
        assertThat(receiver.bodiesAt("/kinds")).map(body -> TrackerJson.readTree(body).get("kind").asText())
                .containsOnly("comment_create_activity");
    }
}
