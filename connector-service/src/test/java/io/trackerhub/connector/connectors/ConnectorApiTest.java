package io.trackerhub.connector.connectors;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.trackerhub.connector.ExternalSystems;
import io.trackerhub.connector.Hub;
import io.trackerhub.testkit.KafkaBroker;
import io.trackerhub.testkit.PostgresDatabase;
import io.trackerhub.testkit.TrackerSimulatorResource;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;

/** The connectors API: what it takes, what it refuses and why, and that credentials never come back. */
@QuarkusTest
@WithTestResource(KafkaBroker.class)
@WithTestResource(PostgresDatabase.class)
@WithTestResource(TrackerSimulatorResource.class)
@WithTestResource(ExternalSystems.class)
class ConnectorApiTest {

    static final String TRACKER = "{\"api_token\": \"tracker-secret-token\", \"project_id\": 99}";

    static void refused(String body, String field, String problem) {
        Hub.admin().body(body).post("/api/connectors").then().statusCode(400).contentType("application/problem+json")
                .body("errors[0].field", equalTo(field)).body("errors[0].problem", equalTo(problem));
    }

    @Test
    void aConnectorIsStoredWithItsCredentialsEncryptedAndNeverShown() throws Exception {
        long id = Hub.connector("""
                {"type": "jira", "name": "Jira", "tracker": %s,
                 "config": {"base_url": "https://acme.atlassian.net/", "username": "hub@acme.com", "api_token": "jira-secret-token", "filter_id": "10001"}}"""
                .formatted(TRACKER));

        String shown = Hub.admin().get("/api/connectors/" + id).then().statusCode(200)
                .body("type", equalTo("jira")).body("state", equalTo("active"))
                .body("config.base_url", equalTo("https://acme.atlassian.net")).body("config.filter_id", equalTo(10001))
                .body("config", not(hasKey("api_token"))).body("credentials", contains("tracker.api_token", "api_token"))
                .body("tracker.project_id", equalTo(99)).extract().asString();
        assertThat(shown).doesNotContain("jira-secret-token").doesNotContain("tracker-secret-token");
        assertThat(Hub.admin().get("/api/connectors").asString()).doesNotContain("secret-token");

        try (Connection c = PostgresDatabase.database().connect(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("select * from connector.connector where id = " + id)) {
            rs.next();
            for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
                assertThat(String.valueOf(rs.getString(i))).doesNotContain("secret-token");
            }
        }

        // a PUT without the credentials keeps them
        Hub.admin().body("""
                {"type": "jira", "name": "Jira (renamed)", "tracker": {"project_id": 99},
                 "config": {"base_url": "https://acme.atlassian.net", "username": "hub@acme.com", "filter_id": 10002}}""")
                .put("/api/connectors/" + id).then().statusCode(200).body("name", equalTo("Jira (renamed)"))
                .body("credentials", contains("tracker.api_token", "api_token")).body("config.filter_id", equalTo(10002));

        Hub.admin().delete("/api/connectors/" + id).then().statusCode(204);
        Hub.admin().get("/api/connectors/" + id).then().statusCode(404).contentType("application/problem+json")
                .body("detail", equalTo("no connector " + id));
    }

    @Test
    void aConnectorWhoseCredentialsCannotBeOpenedIsInErrorAloneAndSaysWhy() throws Exception {
        String body = """
                {"type": "jira", "name": "Jira", "tracker": %s,
                 "config": {"base_url": "https://acme.atlassian.net/", "username": "hub@acme.com", "api_token": "jira-secret-token", "filter_id": "10001"}}"""
                .formatted(TRACKER);
        long lost = Hub.connector(body);
        long fine = Hub.connector(body);
        // sealed under another key, as by an earlier run with another HUB_CRYPTO_KEY
        try (Connection c = PostgresDatabase.database().connect();
             java.sql.PreparedStatement s = c.prepareStatement("update connector.connector set secrets = ? where id = ?")) {
            s.setString(1, new io.trackerhub.kit.secrets.SecretBox("an-earlier-run-had-this-key-0123456789abcdef", java.util.List.of())
                    .seal("{\"api_token\":\"jira-secret-token\"}", Connectors.secretsContext(lost)));
            s.setLong(2, lost);
            assertThat(s.executeUpdate()).isEqualTo(1);
        }

        Hub.admin().get("/api/connectors/" + lost).then().statusCode(200).body("state", equalTo("error"))
                .body("state_reason", org.hamcrest.Matchers.containsString("its credentials cannot be opened"))
                .body("state_reason", org.hamcrest.Matchers.containsString("PUT /api/connectors/" + lost));
        Hub.admin().get("/api/connectors").then().statusCode(200);
        Hub.admin().get("/api/connectors/" + fine).then().statusCode(200).body("state", equalTo("active"));

        // the credentials given again: sealed under the current key, active
        Hub.admin().body(body).put("/api/connectors/" + lost).then().statusCode(200).body("state", equalTo("active"));
    }

    @Test
    void badSettingsAreRefusedNamingTheField() {
        refused("{\"type\": \"youtrack\", \"name\": \"x\", \"tracker\": " + TRACKER + ", \"config\": {}}", "type",
                "'youtrack' is not one of jira, zendesk, bugzilla, lighthouse, satisfaction, other");
        refused("{\"type\": \"jira\", \"name\": \"x\", \"config\": {}}", "tracker",
                "is required: {\"base_url\", \"api_token\", \"project_id\"} the connector writes to Tracker with");
        refused("{\"type\": \"jira\", \"name\": \"x\", \"tracker\": {\"project_id\": 5}, \"config\": {}}", "tracker.api_token",
                "is required: the Tracker API token the connector writes with (its own, as each Tracker integration had)");
        refused("""
                {"type": "jira", "name": "x", "tracker": %s, "config": {"base_url": "acme.atlassian.net", "username": "u", "api_token": "t", "filter_id": 1}}"""
                .formatted(TRACKER), "config.base_url", "must be an absolute http or https URL, e.g. https://acme.atlassian.net");
        refused("""
                {"type": "jira", "name": "x", "tracker": %s, "config": {"base_url": "https://a.example", "username": "u", "api_token": "t"}}"""
                .formatted(TRACKER), "config.filter_id", "is required for a jira connector");
        refused("""
                {"type": "zendesk", "name": "x", "tracker": %s, "config": {"url": "https://a.zendesk.com", "email": "e", "api_token": "t", "view_id": -3}}"""
                .formatted(TRACKER), "config.view_id", "must be a positive number (the Zendesk view id), was -3");
        refused("""
                {"type": "bugzilla", "name": "x", "tracker": %s, "config": {"url": "https://bz.example", "username": "me"}}"""
                .formatted(TRACKER), "config.api_key", "is required for a bugzilla connector, or username and password");
        refused("""
                {"type": "bugzilla", "name": "x", "tracker": %s, "config": {"url": "https://bz.example", "api_key": "k", "update_state": "yes"}}"""
                .formatted(TRACKER), "config.update_state", "must be true or false, was \"yes\"");
        refused("""
                {"type": "satisfaction", "name": "x", "tracker": %s, "config": {"company": "acme", "product": "p", "filter_id": 3}}"""
                .formatted(TRACKER), "config.filter_id", "is not a setting of a satisfaction connector; it takes company, product");
        Hub.admin().body("{\"external_id\": \"\"}").post("/api/connectors/1/import").then().statusCode(400)
                .body("errors[0].field", equalTo("external_id"));
        Hub.admin().get("/api/links").then().statusCode(400).body("detail", equalTo("give exactly one of story_id or external_id, e.g. /api/links?story_id=563"));
    }

    @Test
    void aBugzillaConnectorGetsTheDefaultExclusionsAndALighthouseConnectorMayHaveNoToken() {
        Hub.admin().body("""
                {"type": "bugzilla", "name": "BZ", "tracker": %s, "config": {"url": "https://bz.example", "username": "me", "password": "pw"}}"""
                .formatted(TRACKER)).post("/api/connectors").then().statusCode(201)
                .body("config.exclude_statuses", contains("RESOLVED", "VERIFIED", "CLOSED"))
                .body("config.update_comments", equalTo(true)).body("config.comments_private", equalTo(false))
                .body("credentials", contains("tracker.api_token", "password"));
        Hub.admin().body("""
                {"type": "lighthouse", "name": "LH", "tracker": %s, "config": {"account": "opensource", "token": "", "project_id": 2, "bin_id": 7}}"""
                .formatted(TRACKER)).post("/api/connectors").then().statusCode(201).body("credentials", contains("tracker.api_token"));
    }

    @Test
    void aTrackerTokenTrackerRejectsPutsTheConnectorInErrorAndLinksNothing() {
        Hub.World world = Hub.world();
        long id = Hub.connector("""
                {"type": "other", "name": "Ticket", "tracker": {"api_token": "not-a-tracker-token", "project_id": %d},
                 "config": {"base_url": "https://tickets.example.org/t/"}}""".formatted(world.projectId()));

        Hub.admin().body("{\"external_id\": \"T-9\"}").post("/api/connectors/" + id + "/import").then().statusCode(502)
                .contentType("application/problem+json")
                .body("detail", org.hamcrest.Matchers.startsWith("Tracker answered the new story in project " + world.projectId()
                        + " with HTTP 401"));
        Hub.admin().get("/api/connectors/" + id).then().statusCode(200).body("state", equalTo("error"))
                .body("state_reason", org.hamcrest.Matchers.containsString("HTTP 401"));
        Hub.admin().get("/api/links?external_id=T-9").then().statusCode(200).body("$", org.hamcrest.Matchers.empty());

        Hub.admin().body("""
                {"type": "other", "name": "Ticket", "tracker": {"api_token": "%s", "project_id": %d},
                 "config": {"base_url": "https://tickets.example.org/t/"}}""".formatted(world.token(), world.projectId()))
                .put("/api/connectors/" + id).then().statusCode(200).body("state", equalTo("active"));
        long story = Hub.importItem(id, "T-9", "icebox");
        assertThat(Hub.story(world, story).path("external_id").asText()).isEqualTo("T-9");
        Hub.admin().get("/api/links?external_id=T-9").then().statusCode(200)
                .body("external_url", contains("https://tickets.example.org/t/T-9"));
    }

    @Test
    void twoImportsOfOneTicketAtOnceMakeOneStory() throws Exception {
        Hub.World world = Hub.world();
        long id = Hub.connector("""
                {"type": "other", "name": "Ticket", "tracker": %s, "config": {"base_url": "https://tickets.example.org/t/"}}"""
                .formatted(Hub.tracker(world)));
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(2);
        try {
            java.util.concurrent.Callable<io.restassured.response.Response> importing = () ->
                    Hub.admin().body("{\"external_id\": \"T-500\"}").post("/api/connectors/" + id + "/import");
            var first = pool.submit(importing);
            var second = pool.submit(importing);
            io.restassured.response.Response a = first.get();
            io.restassured.response.Response b = second.get();
            assertThat(java.util.List.of(a.statusCode(), b.statusCode())).containsExactlyInAnyOrder(201, 200);
            assertThat(a.jsonPath().getLong("story_id")).isEqualTo(b.jsonPath().getLong("story_id"));
        } finally {
            pool.shutdown();
        }
        Hub.admin().get("/api/links?external_id=T-500").then().statusCode(200).body("$", org.hamcrest.Matchers.hasSize(1));
    }

    @Test
    void theApiNeedsTheAdminToken() {
        given().get("/api/connectors").then().statusCode(401).contentType("application/problem+json");
        given().header("Authorization", "Bearer wrong").get("/api/links?story_id=1").then().statusCode(401);
    }
}
