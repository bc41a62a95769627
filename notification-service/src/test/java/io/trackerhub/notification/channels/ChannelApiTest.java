package io.trackerhub.notification.channels;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.trackerhub.notification.Hub;
import io.trackerhub.notification.Receiver;
import io.trackerhub.testkit.KafkaBroker;
import io.trackerhub.testkit.PostgresDatabase;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;

@QuarkusTest
@WithTestResource(KafkaBroker.class)
@WithTestResource(PostgresDatabase.class)
class ChannelApiTest {

    static final String KEYED_URL = "https://hooks.slack.com/services/T0000/B0000/SECRETKEYXXXXXXXX";
    static Receiver receiver;

    @Inject
    AgroalDataSource dataSource;

    @BeforeAll
    static void start() {
        receiver = new Receiver();
    }

    @AfterAll
    static void stop() {
        receiver.close();
    }

    @Test
    void slackChannelIsCreatedReadReplacedAndDeletedWithoutEverShowingItsUrl() throws Exception {
        String created = Hub.admin().body("""
                {"type": "slack", "name": "#bridge", "project_ids": [807213], "publish": ["state_changes", "comments"],
                 "config": {"url": "%s"}}""".formatted(KEYED_URL))
                .post("/api/channels").then().statusCode(201)
                .header("Location", containsString("/api/channels/"))
                .body("type", equalTo("slack"))
                .body("name", equalTo("#bridge"))
                .body("project_ids", equalTo(java.util.List.of(807213)))
                .body("publish", equalTo(java.util.List.of("state_changes", "comments")))
                .body("config.url", equalTo("https://hooks.slack.com/…"))
                .body("rate_per_second", equalTo(1.0f))
                .body("state", equalTo("active"))
                .extract().asString();
        assertThat(created).doesNotContain("SECRETKEY");
        long id = io.restassured.path.json.JsonPath.from(created).getLong("id");

        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement("select url_sealed from channel where id = ?")) {
            s.setLong(1, id);
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                assertThat(rs.getString(1)).startsWith("v1.").doesNotContain("SECRETKEY").doesNotContain("hooks.slack.com");
            }
        }

        Hub.admin().get("/api/channels/" + id).then().statusCode(200).body(not(containsString("SECRETKEY")));
        Hub.admin().get("/api/channels").then().statusCode(200).body("id", hasItem((int) id)).body(not(containsString("SECRETKEY")));

        // replacing without config.url keeps the stored URL
        Hub.admin().body("""
                {"type": "slack", "name": "#bridge-crew", "publish": ["new_stories"], "config": {}, "rate_per_second": 5}""")
                .put("/api/channels/" + id).then().statusCode(200)
                .body("name", equalTo("#bridge-crew"))
                .body("project_ids", nullValue())
                .body("publish", equalTo(java.util.List.of("new_stories")))
                .body("config.url", equalTo("https://hooks.slack.com/…"))
                .body("rate_per_second", equalTo(5.0f));

        Hub.admin().delete("/api/channels/" + id).then().statusCode(204);
        Hub.admin().get("/api/channels/" + id).then().statusCode(404).contentType("application/problem+json")
                .body("detail", equalTo("no channel " + id));
    }

    @Test
    void webHookChannelTakesAVersionAndKinds() {
        Hub.admin().body("""
                {"type": "webhook", "name": "legacy receiver", "config": {"url": "https://example.com/hook?token=abc", "version": "v3"},
                 "kinds": ["story_update_activity"], "project_ids": [%d]}""".formatted(Hub.uniqueProject()))
                .post("/api/channels").then().statusCode(201)
                .body("config.version", equalTo("v3"))
                .body("config.url", equalTo("https://example.com/…"))
                .body("kinds", equalTo(java.util.List.of("story_update_activity")))
                .body("rate_per_second", nullValue());
    }

    @Test
    void badInputIsAProblemNamingTheField() {
        invalid("""
                {"type": "irc", "name": "x", "config": {"url": "https://a.example"}, "publish": ["comments"]}""", "type", "'irc' is not one of slack, campfire, webhook");
        invalid("""
                {"type": "slack", "config": {"url": "https://a.example"}, "publish": ["comments"]}""", "name", "is required, e.g. \"#team-room\"");
        invalid("""
                {"type": "slack", "name": "x", "config": {"url": "https://a.example"}}""", "publish", "is required for a chat room: one or more of new_stories, state_changes, comments");
        invalid("""
                {"type": "slack", "name": "x", "config": {"url": "https://a.example"}, "publish": ["comments", "estimates"]}""", "publish[1]", "'estimates' is not one of new_stories, state_changes, comments");
        invalid("""
                {"type": "slack", "name": "x", "config": {}, "publish": ["comments"]}""", "config.url", "is required: the receiver's URL, e.g. https://hooks.slack.com/services/T000/B000/XXXX");
        invalid("""
                {"type": "slack", "name": "x", "config": {"url": "ftp://a.example/x"}, "publish": ["comments"]}""", "config.url", "must be an absolute http or https URL, e.g. https://hooks.slack.com/services/T000/B000/XXXX");
        invalid("""
                {"type": "slack", "name": "x", "config": {"url": "https://a.example", "token": "t"}, "publish": ["comments"]}""", "config.token", "is not a setting of a slack channel; it takes url");
        invalid("""
                {"type": "webhook", "name": "x", "config": {"url": "https://a.example", "version": "v4"}}""", "config.version", "'v4' is not v5 or v3");
        invalid("""
                {"type": "slack", "name": "x", "config": {"url": "https://a.example"}, "publish": ["comments"], "project_ids": [0]}""", "project_ids[0]", "must be a positive Tracker project id, got 0");
        invalid("""
                {"type": "slack", "name": "x", "config": {"url": "https://a.example"}, "publish": ["comments"], "kinds": ["story_update_activity"]}""", "kinds", "only web hook channels take kinds; a chat room chooses with publish");
        invalid("""
                {"type": "webhook", "name": "x", "config": {"url": "https://a.example"}, "rate_per_second": -1}""", "rate_per_second", "must be more than 0 and at most 10000, was -1.0");
        Hub.admin().body("{\"type\": \"slack\", \"project_ids\": [\"abc\"]}").post("/api/channels").then().statusCode(400)
                .contentType("application/problem+json").body(containsString("project_ids"));
    }

    private static void invalid(String body, String field, String message) {
        Hub.admin().body(body).post("/api/channels").then().statusCode(400).contentType("application/problem+json")
                .body("errors[0].field", equalTo(field))
                .body("errors[0].problem", equalTo(message));
    }

    @Test
    void theApiNeedsTheAdminToken() {
        given().get("/api/channels").then().statusCode(401).contentType("application/problem+json");
        given().header("Authorization", "Bearer wrong").post("/api/deliveries/1/retry").then().statusCode(401);
        Hub.admin().get("/api/channels/999999999").then().statusCode(404).contentType("application/problem+json");
        Hub.admin().post("/api/deliveries/999999999/retry").then().statusCode(404).contentType("application/problem+json");
    }

    @Test
    void testMessageIsSentNowAndTheReceiversAnswerReported() {
        receiver.answerInTurn("/test-ok", new Receiver.Reply(200, "ok", java.util.Map.of()));
        receiver.answerInTurn("/test-gone", new Receiver.Reply(404, "no_service", java.util.Map.of()));
        long ok = Hub.channel("""
                {"type": "slack", "name": "#ok", "project_ids": [%d], "publish": ["comments"], "config": {"url": "%s"}}"""
                .formatted(Hub.uniqueProject(), receiver.url("/test-ok")));
        long gone = Hub.channel("""
                {"type": "slack", "name": "#gone", "project_ids": [%d], "publish": ["comments"], "config": {"url": "%s"}}"""
                .formatted(Hub.uniqueProject(), receiver.url("/test-gone")));

        Hub.admin().post("/api/channels/" + ok + "/test").then().statusCode(200)
                .body("delivered", equalTo(true)).body("status", equalTo(200)).body("answer", equalTo("ok"));
        assertThat(receiver.bodiesAt("/test-ok")).singleElement().asString()
                .isEqualTo("{\"text\":\"Tracker Hub test message for \\\"#ok\\\": Leo Franchi started \\\"Fresh Story\\\" http://www.pivotaltracker.com/story/show/63495972\"}");
        Hub.admin().post("/api/channels/" + gone + "/test").then().statusCode(200)
                .body("delivered", equalTo(false)).body("status", equalTo(404)).body("answer", equalTo("no_service"));
    }
}
