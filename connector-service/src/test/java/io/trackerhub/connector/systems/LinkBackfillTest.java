package io.trackerhub.connector.systems;

import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.trackerhub.connector.ExternalSystems;
import io.trackerhub.connector.Hub;
import io.trackerhub.events.TrackerJson;
import io.trackerhub.events.activity.Activity;
import io.trackerhub.testkit.KafkaBroker;
import io.trackerhub.testkit.PostgresDatabase;
import io.trackerhub.testkit.TrackerSimulatorResource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

/**
 * A story with a history, linked later to an existing Jira issue and backfilled from before its history: the issue gets
 * the story's comments and transitions once, in order, with a comment made while the backfill runs after them; a second
 * backfill over the same window sends nothing.
 */
@QuarkusTest
@WithTestResource(KafkaBroker.class)
@WithTestResource(PostgresDatabase.class)
@WithTestResource(TrackerSimulatorResource.class)
@WithTestResource(ExternalSystems.class)
class LinkBackfillTest {

    static Hub.World world;

    @BeforeAll
    static void seed() {
        JiraTest.seed();
        world = JiraTest.world;
    }

    @Test
    void aStoryLinkedLaterGetsItsHistoryOnceAndInOrder() {
        String key = JiraTest.unique("HIST") + "2";
        long connector = JiraTest.connector(key);
        long story = Hub.newStory(world, "Export drops the last row");
        Instant before = Instant.now().minusSeconds(2);
        Hub.state(world, story, "started");
        Hub.comment(world, story, "Seen in production");
        Hub.states(world, story, "finished", "delivered", "accepted");
        List<Activity> history = Hub.relay(world);
        Hub.awaitConsumed(history.get(history.size() - 1).guid());
        assertThat(calls(key)).as("nothing is linked yet").isEmpty();

        long link = Hub.admin().body(Map.of("story_id", story, "external_id", key)).post("/api/connectors/" + connector + "/links")
                .then().statusCode(201).body("story_id", equalTo(story)).body("external_id", equalTo(key))
                .extract().jsonPath().getLong("id");
        assertThat(Hub.story(world, story).path("external_id").asText()).isEqualTo(key);
        assertThat(Hub.story(world, story).path("integration_id").asLong()).isEqualTo(connector);
        Hub.admin().body(Map.of("story_id", story, "external_id", key)).post("/api/connectors/" + connector + "/links")
                .then().statusCode(200).body("id", equalTo((int) link));
        Hub.admin().body(Map.of("story_id", story + 1_000_000, "external_id", key)).post("/api/connectors/" + connector + "/links")
                .then().statusCode(409).contentType("application/problem+json").body("detail", containsString("is linked to story " + story));

        Hub.admin().body(Map.of("since", before.toString())).post("/api/links/" + link + "/backfill").then().statusCode(202)
                .body("backfill.state", equalTo("running"));
        Hub.comment(world, story, "Reopened by support");
        Hub.relay(world);

        await().atMost(Duration.ofSeconds(60)).until(() -> JiraTest.posts(key, "comment").size() >= 2 && JiraTest.transitions(key).size() >= 2);
        await().atMost(Duration.ofSeconds(30)).until(() -> "done".equals(backfill(link).getString("backfill.state")));
        // started → Start Progress (4), accepted → Resolve Issue (5); finished and delivered leave the issue in progress
        assertThat(JiraTest.transitions(key)).containsExactly("4", "5");
        assertThat(JiraTest.posts(key, "comment")).extracting(r -> TrackerJson.readTree(r.getBodyAsString()).path("body").asText())
                .satisfiesExactly(first -> assertThat(first).contains("Seen in production"), second -> assertThat(second).contains("Reopened by support"));
        assertThat(calls(key)).containsExactly("transitions", "comment", "transitions", "comment");
        assertThat(backfill(link).getLong("backfill.queued")).isGreaterThanOrEqualTo(3);

        // once more over the same window: nothing is sent again
        Hub.admin().body(Map.of("since", before.toString())).post("/api/links/" + link + "/backfill").then().statusCode(202);
        await().atMost(Duration.ofSeconds(60)).until(() -> backfill(link).getString("backfill.finished_at") != null);
        assertThat(backfill(link).getLong("backfill.queued")).isZero();
        assertThat(calls(key)).hasSize(4);

        Hub.admin().body(Map.of("since", "last week")).post("/api/links/" + link + "/backfill").then().statusCode(400)
                .body("errors[0].field", equalTo("since"));
        Hub.admin().body(Map.of("since", before.toString())).post("/api/links/" + (link + 1_000_000) + "/backfill").then().statusCode(404);
        Hub.admin().body(Map.of("story_id", story)).post("/api/connectors/" + connector + "/links").then().statusCode(400)
                .body("errors[0].field", equalTo("external_id"));
        // found by the fuzz run: a 900 KB id went to Jira in a URL and came back as a 503
        Hub.admin().body(Map.of("story_id", story, "external_id", "HIST-" + "9".repeat(300))).post("/api/connectors/" + connector + "/links")
                .then().statusCode(400).body("errors[0].field", equalTo("external_id")).body("detail", containsString("at most 255"));
    }

    private static JsonPath backfill(long link) {
        return Hub.admin().get("/api/links/" + link).then().statusCode(200).extract().jsonPath();
    }

    /** The write calls on the issue, in the order Jira got them: transitions or comment. */
    private static List<String> calls(String key) {
        List<LoggedRequest> calls = ExternalSystems.JIRA.findAll(postRequestedFor(WireMock.urlMatching(JiraTest.DC + "/rest/api/2/issue/" + key + "/.*")));
        return calls.stream().map(r -> r.getUrl().substring(r.getUrl().lastIndexOf('/') + 1)).toList();
    }
}
