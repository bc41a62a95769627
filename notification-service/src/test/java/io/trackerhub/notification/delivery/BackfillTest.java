package io.trackerhub.notification.delivery;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.trackerhub.events.TrackerJson;
import io.trackerhub.notification.Hub;
import io.trackerhub.notification.Receiver;
import io.trackerhub.testkit.KafkaBroker;
import io.trackerhub.testkit.PostgresDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.LongStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

/**
 * A web hook channel added after its project's activity was published, backfilled from before it while more activity
 * arrives: it receives every activity once, in project-version order; a second backfill over the same window sends
 * nothing again.
 */
@QuarkusTest
@WithTestResource(KafkaBroker.class)
@WithTestResource(PostgresDatabase.class)
class BackfillTest {

    static Receiver receiver;

    @BeforeAll
    static void start() {
        receiver = new Receiver();
    }

    @AfterAll
    static void stop() {
        receiver.close();
    }

    @Test
    void aChannelAddedLaterGetsItsHistoryOnceAndInOrderWhileLiveActivityGoesOn() throws Exception {
        long project = Hub.uniqueProject();
        Instant before = Instant.now().minusSeconds(1);
        for (long version = 1; version <= 30; version++) {
            Hub.publish(Hub.inProject(Hub.fixture(DeliveryTest.STARTED, project), project, version));
        }
        Thread.sleep(1500);   // the live consumer has seen them, before the channel exists
        long channel = Hub.channel("""
                {"type": "webhook", "name": "late hook", "project_ids": [%d], "config": {"url": "%s", "version": "v5"}}"""
                .formatted(project, receiver.url("/late")));

        Hub.admin().body(Map.of("since", before.toString())).post("/api/channels/" + channel + "/backfill").then().statusCode(202)
                .body("backfill.state", equalTo("running"));
        for (long version = 31; version <= 40; version++) {
            Hub.publish(Hub.inProject(Hub.fixture(DeliveryTest.STARTED, project), project, version));
        }

        await().atMost(Duration.ofSeconds(60)).until(() -> receiver.at("/late").size() >= 40);
        await().atMost(Duration.ofSeconds(30)).until(() -> "done".equals(backfill(channel).getString("backfill.state")));
        assertThat(versions()).containsExactlyElementsOf(LongStream.rangeClosed(1, 40).boxed().toList());
        assertThat(backfill(channel).getLong("backfill.queued")).isGreaterThanOrEqualTo(30);

        // once more over the same window: nothing is sent again
        Hub.admin().body(Map.of("since", before.toString())).post("/api/channels/" + channel + "/backfill").then().statusCode(202);
        await().atMost(Duration.ofSeconds(60)).until(() -> backfill(channel).getString("backfill.finished_at") != null);
        assertThat(backfill(channel).getLong("backfill.queued")).isZero();
        Thread.sleep(2000);
        assertThat(versions()).hasSize(40);

        Hub.admin().body(Map.of("since", "yesterday")).post("/api/channels/" + channel + "/backfill").then().statusCode(400)
                .body("errors[0].field", equalTo("since"));
    }

    private static JsonPath backfill(long channel) {
        return Hub.admin().get("/api/channels/" + channel).then().statusCode(200).extract().jsonPath();
    }

    private static List<Long> versions() {
        return receiver.bodiesAt("/late").stream().map(body -> TrackerJson.readTree(body).get("project_version").asLong()).toList();
    }
}
