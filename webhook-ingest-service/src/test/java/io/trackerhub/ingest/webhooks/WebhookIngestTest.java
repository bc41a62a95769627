package io.trackerhub.ingest.webhooks;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.trackerhub.events.TrackerJson;
import io.trackerhub.events.activity.Activities;
import io.trackerhub.events.activity.Activity;
import io.trackerhub.events.kafka.CloudEventHeaders;
import io.trackerhub.events.kafka.SyncRequest;
import io.trackerhub.events.kafka.Topics;
import io.trackerhub.testkit.Fixtures;
import io.trackerhub.testkit.KafkaBroker;
import io.trackerhub.testkit.KafkaTestClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static io.restassured.RestAssured.given;
import static io.trackerhub.ingest.webhooks.WebhookBodies.randomId;
import static io.trackerhub.ingest.webhooks.WebhookBodies.started;
import static io.trackerhub.ingest.webhooks.WebhookBodies.url;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

@QuarkusTest
@WithTestResource(KafkaBroker.class)
class WebhookIngestTest {

    private static final KafkaTestClient KAFKA = new KafkaTestClient();

    @AfterAll
    static void close() {
        KAFKA.close();
    }

    /** Records of the activity topic that came through {@code integrationId}, once {@code expected} of them are there. */
    private static List<KafkaTestClient.Received> recordsOf(String topic, long integrationId, int expected) {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        List<KafkaTestClient.Received> mine = List.of();
        while (System.nanoTime() < deadline) {
            mine = KAFKA.consumeAll(topic, Duration.ofSeconds(2)).stream()
                    .filter(r -> Long.toString(integrationId).equals(r.header(CloudEventHeaders.HUB_INTEGRATION)))
                    .toList();
            if (mine.size() >= expected) {
                break;
            }
        }
        return mine;
    }

    static Stream<Path> realBodies() {
        return Stream.of(Fixtures.list("webhook-v5", ".json"), Fixtures.list("webhook-v3", ".xml"), Fixtures.list("activity", ".json"),
                        Fixtures.list("moves", ".json"), Fixtures.list("deletes", ".json"), Fixtures.list("deletes", ".xml"))
                .flatMap(List::stream);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("realBodies")
    void everyRealBodyIsStoredAsExactlyOneRecordWithTheContractKeyAndHeaders(Path fixture) throws IOException {
        byte[] body = Files.readAllBytes(fixture);
        Activity expected = Activities.parse(body);
        long integration = randomId();

        // Real senders posted JSON as application/xml: the body decides.
        given().contentType(fixture.toString().endsWith(".xml") ? "application/xml" : "application/xml").body(body)
                .post(url(integration)).then().statusCode(200)
                .body("id", equalTo(expected.guid()))
                .body("topic", equalTo("tracker.activity"));

        List<KafkaTestClient.Received> records = recordsOf(Topics.ACTIVITY, integration, 1);
        assertThat(records).hasSize(1);
        KafkaTestClient.Received record = records.get(0);
        assertThat(record.key()).isEqualTo(Long.toString(expected.projectId()));
        assertThat(record.header("ce_specversion")).isEqualTo("1.0");
        assertThat(record.header("ce_id")).isEqualTo(expected.guid());
        assertThat(record.header("ce_type")).isEqualTo("tracker.activity." + expected.kind());
        assertThat(record.header("ce_source")).isEqualTo("/tracker/projects/" + expected.projectId());
        assertThat(record.header("ce_time")).isEqualTo(expected.occurredAt().toString());
        assertThat(record.header("hub-origin")).isEqualTo("webhook");
        assertThat(record.header("hub-integration")).isEqualTo(Long.toString(integration));
        // The value is the v5 shape, whatever came in.
        Activity stored = Activities.parseJson(record.value());
        assertThat(stored).isEqualTo(expected);
        assertThat(TrackerJson.readTree(record.value()).get("kind").asText()).endsWith("_activity");
    }

    @Test
    void v3StoryAndNoteEventsBecomeTheirV5Kinds() {
        Map<String, String> kinds = Map.of(
                "webhook-v3/zulip_created.xml", "story_create_activity",
                "webhook-v3/zulip_accepted.xml", "story_update_activity",
                "webhook-v3/zulip_commented.xml", "comment_create_activity");
        kinds.forEach((fixture, kind) -> {
            long integration = randomId();
            String xml = Fixtures.read(fixture).replaceFirst("<project_id type=\"integer\">\\d+", "<project_id type=\"integer\">" + randomId());
            given().contentType("application/xml").body(xml).post(url(integration)).then().statusCode(200);
            KafkaTestClient.Received record = recordsOf(Topics.ACTIVITY, integration, 1).get(0);
            assertThat(record.header("ce_type")).as(fixture).isEqualTo("tracker.activity." + kind);
            assertThat(TrackerJson.readTree(record.value()).get("kind").asText()).as(fixture).isEqualTo(kind);
        });
    }

    @Test
    void sameActivityTwiceIsAnsweredAsDuplicateAndStoredOnce() {
        long integration = randomId();
        long project = randomId();
        String body = started(project, 78);

        given().body(body).post(url(integration)).then().statusCode(200).body("duplicate", equalTo(false));
        given().body(body).post(url(integration)).then().statusCode(200).body("duplicate", equalTo(true))
                .body("id", equalTo(project + "_78"));
        given().body(started(project, 79)).post(url(integration)).then().statusCode(200);

        List<String> ids = recordsOf(Topics.ACTIVITY, integration, 2).stream().map(r -> r.header("ce_id")).toList();
        assertThat(ids).containsExactly(project + "_78", project + "_79");
    }

    @Test
    void unknownActivityKindPassesThroughUnchanged() {
        long integration = randomId();
        String body = started(randomId(), 3).replace("story_update_activity", "hologram_beam_activity");

        given().body(body).post(url(integration)).then().statusCode(200);

        KafkaTestClient.Received record = recordsOf(Topics.ACTIVITY, integration, 1).get(0);
        assertThat(record.header("ce_type")).isEqualTo("tracker.activity.hologram_beam_activity");
        assertThat(Activities.parseJson(record.value())).isEqualTo(Activities.parse(body));
    }

    @Test
    void badInputGetsItsStatusAsProblemJsonAndNothingIsPublished() {
        long integration = randomId();
        String good = started(randomId(), 1);
        String path = url(integration);
        String sig = path.substring(path.lastIndexOf('/') + 1);

        Response unknownPath = given().body(good).post("/webhooks/nowhere");
        Response wrongSig = given().body(good).post("/webhooks/tracker/" + integration + "/" + sig.substring(1) + "A");
        assertThat(wrongSig.statusCode()).isEqualTo(404);
        assertThat(wrongSig.contentType()).startsWith("application/problem+json");
        assertThat(wrongSig.jsonPath().getString("title")).isEqualTo(unknownPath.jsonPath().getString("title"));
        given().body(good).post("/webhooks/tracker/" + integration).then().statusCode(404).contentType("application/problem+json");
        given().body(good).post("/webhooks/tracker/0" + integration + "/" + sig).then().statusCode(404);
        given().body(good).post("/webhooks/tracker/" + (integration + 1) + "/" + sig).then().statusCode(404);

        given().body("").post(path).then().statusCode(400).contentType("application/problem+json")
                .body("detail", equalTo("body is empty"));
        given().body("story=1&state=started").post(path).then().statusCode(400).contentType("application/problem+json")
                .body("detail", containsString("neither JSON nor XML"));
        given().body(good.substring(0, good.length() / 2)).post(path).then().statusCode(400)
                .body("detail", containsString("unexpected end of input"));
        given().body("{}").post(path).then().statusCode(422).contentType("application/problem+json")
                .body("detail", equalTo("kind is missing"))
                .body("instance", equalTo("/webhooks/tracker/" + integration + "/{sig}"))
                .body(org.hamcrest.Matchers.not(containsString(sig)));
        assertThat(wrongSig.asString()).doesNotContain(sig.substring(1));
        given().body("[" + good + "]").post(path).then().statusCode(422);
        given().body(good.replace("\"project_version\":1", "\"project_version\":\"one\"")).post(path).then().statusCode(422)
                .body("errors[0].field", equalTo("project_version"));
        given().body("<story><id>1</id></story>").post(path).then().statusCode(422)
                .body("detail", containsString("expected <activity>"));
        given().body("x".repeat(1024 * 1024 + 1)).post(path).then().statusCode(413).contentType("application/problem+json");
        given().get(path).then().statusCode(405).contentType("application/problem+json");
        given().put(path).then().statusCode(405);

        // A good body through the same URL afterwards: it is the only record of this integration.
        given().body(good).post(path).then().statusCode(200);
        assertThat(recordsOf(Topics.ACTIVITY, integration, 1)).hasSize(1);
    }

    @Test
    void versionsThatSkipAheadAskThePollerOnceForWhatIsMissing() {
        long integration = randomId();
        long project = randomId();
        for (long version : new long[] {1, 2, 5, 3, 5, 4, 6}) {
            given().body(started(project, version)).post(url(integration)).then().statusCode(200);
        }

        List<KafkaTestClient.Received> requests = recordsOf(Topics.SYNC_REQUESTS, integration, 1);
        assertThat(requests).hasSize(1);
        KafkaTestClient.Received request = requests.get(0);
        assertThat(request.key()).isEqualTo(Long.toString(integration));
        assertThat(request.header("ce_id")).isEqualTo("gap_" + project + "_2_5");
        SyncRequest sync = SyncRequest.parse(request.value().getBytes(java.nio.charset.StandardCharsets.UTF_8));
        assertThat(sync).extracting(SyncRequest::integrationId, SyncRequest::projectId, SyncRequest::fromVersion, SyncRequest::toVersion, SyncRequest::reason)
                .containsExactly(integration, project, 2L, 5L, "gap");
    }

    @Test
    void metricsCountOutcomesAndTime() {
        long integration = randomId();
        given().body(started(randomId(), 1)).post(url(integration)).then().statusCode(200);
        given().body("{}").post(url(integration)).then().statusCode(422);

        String metrics = given().get("/q/metrics").asString();
        assertThat(metrics).contains("hub_webhooks_total{outcome=\"accepted\",status=\"200\"}")
                .contains("hub_webhooks_total{outcome=\"rejected\",status=\"422\"}")
                .contains("hub_webhook_seconds_bucket");
    }
}
