package io.trackerhub.notification.delivery;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.trackerhub.events.TrackerJson;
import io.trackerhub.events.activity.Activity;
import io.trackerhub.events.kafka.CloudEventHeaders;
import io.trackerhub.events.kafka.Topics;
import io.trackerhub.notification.Hub;
import io.trackerhub.notification.Receiver;
import io.trackerhub.testkit.KafkaBroker;
import io.trackerhub.testkit.KafkaTestClient;
import io.trackerhub.testkit.PostgresDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.stream.LongStream;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

/** From tracker.activity to the receivers: retries, Retry-After, failures, duplicates, order, isolation, pausing. */
@QuarkusTest
@WithTestResource(KafkaBroker.class)
@WithTestResource(PostgresDatabase.class)
class DeliveryTest {

    static final String STARTED = "webhook-v5/zulip_v5_started.json";
    static final String STARTED_TEXT = "Leo Franchi started \"Fresh Story\" http://www.pivotaltracker.com/story/show/63495972";
    static Receiver receiver;

    @BeforeAll
    static void start() {
        receiver = new Receiver();
    }

    @AfterAll
    static void stop() {
        receiver.close();
    }

    private static long slack(long project, String path) {
        return Hub.channel("""
                {"type": "slack", "name": "%s", "project_ids": [%d], "publish": ["new_stories", "state_changes", "comments"],
                 "config": {"url": "%s"}, "rate_per_second": 1000}""".formatted(path, project, receiver.url(path)));
    }

    private static List<Map<String, Object>> deliveries(long channel, String state) {
        return Hub.admin().get("/api/channels/" + channel + "/deliveries" + (state == null ? "" : "?state=" + state))
                .then().statusCode(200).extract().jsonPath().getList("$");
    }

    private static String text(Receiver.Request request) {
        return TrackerJson.readTree(request.body()).get("text").asText();
    }

    @Test
    void aReceiverAnswering500Then200GetsTheMessageOnce() {
        long project = Hub.uniqueProject();
        receiver.answerInTurn("/flaky", Receiver.Reply.of(500), Receiver.Reply.of(200));
        long channel = slack(project, "/flaky");

        Hub.publish(Hub.fixture(STARTED, project));

        await().atMost(Duration.ofSeconds(20)).until(() -> deliveries(channel, "delivered").size() == 1);
        assertThat(receiver.at("/flaky")).extracting(Receiver.Request::answeredWith).containsExactly(500, 200);
        assertThat(receiver.at("/flaky")).extracting(DeliveryTest::text).containsOnly(STARTED_TEXT);
        Map<String, Object> delivery = deliveries(channel, null).get(0);
        assertThat(delivery).containsEntry("activity", project + "_78").containsEntry("attempts", 2).containsEntry("state", "delivered");

        String metrics = given().get("/q/metrics").then().statusCode(200).extract().asString();
        assertThat(metrics).containsPattern("hub_outbox_attempts_total\\{[^}]*destination=\"channel/" + channel + "\"[^}]*outcome=\"retried\"[^}]*} 1.0")
                .containsPattern("hub_outbox_attempts_total\\{[^}]*destination=\"channel/" + channel + "\"[^}]*outcome=\"delivered\"[^}]*} 1.0")
                .containsPattern("hub_outbox_lag_seconds_count\\{destination=\"channel/" + channel + "\"} 1")
                .contains("hub_notification_activities_total{outcome=\"queued\"}");
    }

    @Test
    void tooManyRequestsIsRetriedNoSoonerThanRetryAfter() {
        long project = Hub.uniqueProject();
        receiver.answerInTurn("/busy", new Receiver.Reply(429, "rate_limited", Map.of("Retry-After", "2")), Receiver.Reply.of(200));
        long channel = slack(project, "/busy");

        Hub.publish(Hub.fixture(STARTED, project));

        await().atMost(Duration.ofSeconds(20)).until(() -> deliveries(channel, "delivered").size() == 1);
        List<Receiver.Request> requests = receiver.at("/busy");
        assertThat(requests).extracting(Receiver.Request::answeredWith).containsExactly(429, 200);
        assertThat(Duration.between(requests.get(0).at(), requests.get(1).at())).isGreaterThanOrEqualTo(Duration.ofMillis(1900));
    }

    @Test
    void aRejectedDeliveryIsListedAsFailedAndRetriedByHand() {
        long project = Hub.uniqueProject();
        receiver.answerInTurn("/rejecting", new Receiver.Reply(400, "invalid_payload", Map.of()));
        long channel = slack(project, "/rejecting");

        Hub.publish(Hub.fixture(STARTED, project));

        await().atMost(Duration.ofSeconds(20)).until(() -> deliveries(channel, "failed").size() == 1);
        Map<String, Object> failed = deliveries(channel, "failed").get(0);
        assertThat(failed).containsEntry("last_status", 400).containsEntry("last_error", "HTTP 400: invalid_payload");
        assertThat(receiver.at("/rejecting")).hasSize(1);

        receiver.answerInTurn("/rejecting", Receiver.Reply.of(200));
        Hub.admin().post("/api/deliveries/" + failed.get("id") + "/retry").then().statusCode(200).body("id", equalTo(failed.get("id")))
                .body("attempts", org.hamcrest.Matchers.lessThanOrEqualTo(1));
        await().atMost(Duration.ofSeconds(20)).until(() -> deliveries(channel, "delivered").size() == 1);
        assertThat(receiver.at("/rejecting")).extracting(Receiver.Request::answeredWith).containsExactly(400, 200);
        Hub.admin().post("/api/deliveries/" + failed.get("id") + "/retry").then().statusCode(409)
                .contentType("application/problem+json").body("detail", containsString("only a failed delivery can be retried"));
        Hub.admin().get("/api/channels/" + channel + "/deliveries?state=lost").then().statusCode(400)
                .body("errors[0].field", equalTo("state"));
    }

    @Test
    void theSameActivityConsumedTwiceIsPostedOnce() {
        long project = Hub.uniqueProject();
        slack(project, "/once");
        Activity started = Hub.fixture(STARTED, project);

        Hub.publish(started);
        Hub.publish(started);
        Hub.publish(Hub.fixture("webhook-v5/zulip_v5_finished.json", project));

        await().atMost(Duration.ofSeconds(20)).until(() -> receiver.at("/once").stream().map(DeliveryTest::text)
                .anyMatch(t -> t.startsWith("Leo Franchi accepted")));
        assertThat(receiver.at("/once")).extracting(DeliveryTest::text)
                .containsExactly(STARTED_TEXT, "Leo Franchi accepted \"Story of the Year\" http://www.pivotaltracker.com/story/show/63486316");
    }

    @Test
    void aWebHookGetsEachProjectsActivityInVersionOrderWhileProjectsGoConcurrently() {
        long first = Hub.uniqueProject();
        long second = Hub.uniqueProject();
        receiver.answer("/ordered", body -> {
            Thread.sleep(ThreadLocalRandom.current().nextInt(4));
            return Receiver.Reply.of(200);
        });
        Hub.channel("""
                {"type": "webhook", "name": "ordered", "project_ids": [%d, %d], "config": {"url": "%s"}}"""
                .formatted(first, second, receiver.url("/ordered")));
        Activity template = Hub.fixture(STARTED, first);

        for (long version = 1; version <= 40; version++) {
            Hub.publish(Hub.inProject(template, first, version));
            Hub.publish(Hub.inProject(template, second, version));
        }

        await().atMost(Duration.ofSeconds(30)).until(() -> receiver.at("/ordered").size() >= 80);
        for (long project : List.of(first, second)) {
            List<Long> versions = receiver.bodiesAt("/ordered").stream().map(TrackerJson::readTree)
                    .filter(json -> json.get("project").get("id").asLong() == project)
                    .map(json -> json.get("project_version").asLong()).toList();
            assertThat(versions).containsExactlyElementsOf(LongStream.rangeClosed(1, 40).boxed().toList());
        }
    }

    @Test
    void aSlowReceiverDoesNotHoldUpOtherChannels() throws InterruptedException {
        long project = Hub.uniqueProject();
        CountDownLatch release = new CountDownLatch(1);
        receiver.answer("/slow", body -> {
            release.await(20, TimeUnit.SECONDS);
            return Receiver.Reply.of(200);
        });
        slack(project, "/slow");
        slack(project, "/quick");

        Hub.publish(Hub.fixture(STARTED, project));

        await().atMost(Duration.ofSeconds(10)).until(() -> receiver.at("/quick").size() == 1);
        assertThat(receiver.at("/slow")).as("the slow room has not answered yet").isEmpty();
        release.countDown();
        await().atMost(Duration.ofSeconds(10)).until(() -> receiver.at("/slow").size() == 1);
    }

    @Test
    void aChannelFailingForLongIsPausedWithItsReasonAndResumedByHand() {
        long project = Hub.uniqueProject();
        receiver.answerInTurn("/down", new Receiver.Reply(503, "maintenance", Map.of()));
        long channel = slack(project, "/down");
        Activity template = Hub.fixture(STARTED, project);
        long[] version = {0};

        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(300)).until(() -> {
            Hub.publish(Hub.inProject(template, project, ++version[0]));
            return "paused".equals(Hub.admin().get("/api/channels/" + channel).then().extract().path("state"));
        });
        JsonPath paused = Hub.admin().get("/api/channels/" + channel).then().statusCode(200).extract().jsonPath();
        assertThat(paused.getString("pause_reason")).startsWith("failing since ").endsWith("last error: HTTP 503: maintenance");
        assertThat(paused.getString("paused_at")).isNotNull();

        Hub.publish(Hub.inProject(template, project, ++version[0]));
        int seen = receiver.at("/down").size();
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(3)).until(() -> receiver.at("/down").size() == seen);
        assertThat(deliveries(channel, "pending")).as("waiting, not dropped").isNotEmpty();

        receiver.answerInTurn("/down", Receiver.Reply.of(200));
        Hub.admin().post("/api/channels/" + channel + "/resume").then().statusCode(200).body("state", equalTo("active"));
        await().atMost(Duration.ofSeconds(20)).until(() -> deliveries(channel, "pending").isEmpty() && deliveries(channel, "sending").isEmpty());
        assertThat(receiver.at("/down").stream().filter(r -> r.answeredWith() == 200)).isNotEmpty();
        Hub.admin().post("/api/channels/" + channel + "/resume").then().statusCode(409).contentType("application/problem+json");
    }

    /**
     * Today's Campfire answers a bot key it does not accept with a redirect to its login page (once-campfire's
     * by_bots_controller test, fixtures/campfire/README.md) and renders the body as HTML.
     */
    @Test
    void aCampfireRoomThatRedirectsToItsLoginPausesTheChannelUntilItsUrlIsFixed() {
        long project = Hub.uniqueProject();
        String bad = "/rooms/7/1-wrongkey1234/messages";
        String good = "/rooms/7/1-rightkey1234/messages";
        receiver.answerInTurn(bad, new Receiver.Reply(302, "", Map.of("Location", receiver.url("/session/new"))));
        receiver.answerInTurn(good, new Receiver.Reply(201, "", Map.of("Location", receiver.url("/rooms/7/@1"))));
        long channel = Hub.channel("""
                {"type": "campfire", "name": "room 7", "project_ids": [%d], "publish": ["new_stories", "state_changes", "comments"],
                 "config": {"url": "%s"}, "rate_per_second": 1000}""".formatted(project, receiver.url(bad)));

        Activity started = Hub.fixture(STARTED, project);
        Hub.publish(started);
        await().atMost(Duration.ofSeconds(20)).until(() -> "paused".equals(Hub.admin().get("/api/channels/" + channel).then().extract().path("state")));
        Hub.admin().get("/api/channels/" + channel).then().statusCode(200)
                .body("pause_reason", equalTo("Campfire answered HTTP 302, a redirect to /session/new: it did not accept the bot key in the "
                        + "channel's URL (fix it with PUT /api/channels/" + channel + ")"));
        assertThat(receiver.at(bad)).hasSize(1);
        assertThat(deliveries(channel, "pending")).as("waiting, not failed").hasSize(1);
        assertThat(deliveries(channel, "failed")).isEmpty();

        Hub.admin().body("""
                {"type": "campfire", "name": "room 7", "project_ids": [%d], "publish": ["new_stories", "state_changes", "comments"],
                 "config": {"url": "%s"}, "rate_per_second": 1000}""".formatted(project, receiver.url(good)))
                .put("/api/channels/" + channel).then().statusCode(200).body("state", equalTo("active"));
        await().atMost(Duration.ofSeconds(20)).until(() -> receiver.at(good).size() == 1);
        assertThat(receiver.at(good).get(0).body()).isEqualTo(Campfire.body(STARTED_TEXT));
        assertThat(receiver.at(good).get(0).header("content-type")).startsWith("text/html");
        await().atMost(Duration.ofSeconds(20)).until(() -> deliveries(channel, "delivered").size() == 1);
    }

    @Test
    void campfireTextIsEscapedHtmlWithItsLineBreaks() {
        assertThat(Campfire.body("Ada started \"<script>x</script> & co\"\nnext line"))
                .isEqualTo("Ada started \"&lt;script&gt;x&lt;/script&gt; &amp; co\"<br>next line");
    }

    @Test
    void aRecordThatIsNotAnActivityGoesToTheDeadLetterTopicAndTheNextOneIsStillPosted() {
        long project = Hub.uniqueProject();
        slack(project, "/after-garbage");
        String key = Long.toString(project);

        Hub.kafka().produce(Topics.ACTIVITY, key, "{\"kind\": \"story_update_activity\", \"guid\": \"oops\"", Map.of(CloudEventHeaders.ID, key + "_1"));
        Hub.publish(Hub.fixture(STARTED, project));

        await().atMost(Duration.ofSeconds(20)).until(() -> receiver.at("/after-garbage").size() == 1);
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            List<KafkaTestClient.Received> dead = Hub.kafka().consumeAll(Topics.DEADLETTER, Duration.ofSeconds(5)).stream()
                    .filter(r -> key.equals(r.key())).toList();
            assertThat(dead).singleElement().satisfies(r -> {
                assertThat(r.value()).isEqualTo("{\"kind\": \"story_update_activity\", \"guid\": \"oops\"");
                assertThat(r.header(CloudEventHeaders.HUB_SOURCE_TOPIC)).isEqualTo(Topics.ACTIVITY);
                assertThat(r.header(CloudEventHeaders.HUB_ERROR)).isNotBlank();
                assertThat(r.header(CloudEventHeaders.HUB_ATTEMPTS)).isEqualTo("1");
            });
        });
    }
}
