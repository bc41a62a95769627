package io.trackerhub.connector.systems;

import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.trackerhub.connector.ExternalSystems;
import io.trackerhub.connector.Hub;
import io.trackerhub.connector.Recorded;
import io.trackerhub.events.TrackerJson;
import io.trackerhub.testkit.KafkaBroker;
import io.trackerhub.testkit.PostgresDatabase;
import io.trackerhub.testkit.TrackerSimulatorResource;
import io.restassured.response.Response;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

/**
 * Jira Cloud as it answers today (recorded answers in fixtures/jira): the classic search answers 410, the enhanced
 * search pages by token, issues come in v3 with descriptions in Atlassian Document Format, and the default workflow
 * has no classic transition names. Also a Data Center personal access token sent as a bearer token.
 */
@QuarkusTest
@WithTestResource(KafkaBroker.class)
@WithTestResource(PostgresDatabase.class)
@WithTestResource(TrackerSimulatorResource.class)
@WithTestResource(ExternalSystems.class)
class JiraCloudTest {

    static final AtomicInteger SITES = new AtomicInteger((int) (System.nanoTime() % 100_000) + 50_000);
    static Hub.World world;

    @BeforeAll
    static void seed() {
        world = Hub.world();
    }

    /** A Jira Cloud site of its own (a path on the shared WireMock), with the removed search answering as Cloud does. */
    static String cloudSite() {
        String site = "/cloud" + SITES.incrementAndGet();
        ExternalSystems.JIRA.stubFor(get(urlEqualTo(site + "/rest/api/2/serverInfo")).willReturn(okJson(Recorded.text("jira", "serverinfo-cloud.json"))));
        ExternalSystems.JIRA.stubFor(get(urlPathEqualTo(site + "/rest/api/2/search")).willReturn(aResponse().withStatus(410)
                .withHeader("Content-Type", "application/json;charset=UTF-8").withBody(Recorded.text("jira", "search-v2-removed-410.json"))));
        return site;
    }

    static long connector(String site, int filter, String extraConfig) {
        return Hub.connector("""
                {"type": "jira", "name": "Cloud %d", "tracker": %s,
                 "config": {"base_url": "%s", "username": "ada@example.com", "api_token": "cloud-api-token", "filter_id": %d%s}}"""
                .formatted(filter, Hub.tracker(world), ExternalSystems.JIRA.baseUrl() + site, filter, extraConfig));
    }

    @Test
    void aCloudImportListPagesThroughTheEnhancedSearchByTokenAndNeverCallsTheRemovedSearch() {
        String site = cloudSite();
        int filter = SITES.incrementAndGet();
        String page1 = Recorded.text("jira", "search-jql-page1.json");
        String page2 = Recorded.text("jira", "search-jql-page2.json");
        String token1 = TrackerJson.readTree(page1).path("nextPageToken").asText();
        String token2 = TrackerJson.readTree(page2).path("nextPageToken").asText();
        String search = site + "/rest/api/3/search/jql";
        ExternalSystems.JIRA.stubFor(get(urlPathEqualTo(search)).withQueryParam("jql", WireMock.equalTo("filter=" + filter))
                .withQueryParam("nextPageToken", WireMock.absent()).withBasicAuth("ada@example.com", "cloud-api-token").willReturn(okJson(page1)));
        ExternalSystems.JIRA.stubFor(get(urlPathEqualTo(search)).withQueryParam("jql", WireMock.equalTo("filter=" + filter))
                .withQueryParam("nextPageToken", WireMock.equalTo(token1)).willReturn(okJson(page2)));
        ExternalSystems.JIRA.stubFor(get(urlPathEqualTo(search)).withQueryParam("jql", WireMock.equalTo("filter=" + filter))
                .withQueryParam("nextPageToken", WireMock.equalTo(token2)).willReturn(okJson(Recorded.text("jira", "search-jql-page3-last.json"))));
        long connector = connector(site, filter, "");

        Response first = Hub.admin().get("/api/connectors/" + connector + "/import-list?per_page=4");
        first.then().statusCode(200).body("items.id", contains("OPS-10", "OPS-9", "OPS-8", "OPS-7"))
                .body("items[0].title", equalTo("Finalize Documentation for the Project")).body("items[0].requester", equalTo("Ada Lovelace"))
                .body("items[0].type", equalTo("Task")).body("page", equalTo(1)).body("next_page", equalTo(2)).body("next_cursor", notNullValue());
        Response second = Hub.admin().get("/api/connectors/" + connector + "/import-list?per_page=4&cursor=" + first.jsonPath().getString("next_cursor"));
        second.then().statusCode(200).body("items.id", contains("OPS-6", "OPS-5", "OPS-4", "OPS-3")).body("page", equalTo(2));
        Hub.admin().get("/api/connectors/" + connector + "/import-list?per_page=4&cursor=" + second.jsonPath().getString("next_cursor"))
                .then().statusCode(200).body("items.id", contains("OPS-2", "OPS-1")).body("page", equalTo(3))
                .body("next_cursor", nullValue()).body("next_page", nullValue());
        // a page by number is reached by walking the tokens
        Hub.admin().get("/api/connectors/" + connector + "/import-list?per_page=4&page=3").then().statusCode(200)
                .body("items.id", contains("OPS-2", "OPS-1"));

        assertThat(ExternalSystems.JIRA.findAll(getRequestedFor(urlPathEqualTo(site + "/rest/api/2/search")))).isEmpty();
        assertThat(ExternalSystems.JIRA.findAll(getRequestedFor(urlEqualTo(site + "/rest/api/2/serverInfo")))).as("asked once per connector").hasSize(1);
        LoggedRequest asked = ExternalSystems.JIRA.findAll(getRequestedFor(urlPathEqualTo(search))).get(0);
        assertThat(asked.queryParameter("fields").firstValue()).contains("summary").contains("issuetype").contains("reporter");
        assertThat(asked.queryParameter("maxResults").firstValue()).isEqualTo("4");

        Hub.admin().get("/api/connectors/" + connector + "/import-list?cursor=not-ours").then().statusCode(400)
                .contentType("application/problem+json").body("errors[0].field", equalTo("cursor"));
    }

    @Test
    void aCloudIssueIsImportedWithItsDocumentDescriptionAsTextAndStatesReachTheDefaultWorkflow() {
        String site = cloudSite();
        int filter = SITES.incrementAndGet();
        String key = "COMPANYSA-35";
        String issue = site + "/rest/api/2/issue/" + key;
        ExternalSystems.JIRA.stubFor(get(urlPathEqualTo(site + "/rest/api/3/issue/" + key)).willReturn(okJson(Recorded.text("jira", "issue-v3-adf.json"))));
        // Jira's default workflow: To Do, In Progress, Done (recorded from a Data Center; Cloud's default has the same three)
        ExternalSystems.JIRA.stubFor(get(urlEqualTo(issue + "/transitions")).willReturn(okJson(Recorded.text("jira", "transitions-datacenter.json"))));
        ExternalSystems.JIRA.stubFor(post(urlEqualTo(issue + "/transitions")).willReturn(aResponse().withStatus(204)));
        ExternalSystems.JIRA.stubFor(post(urlEqualTo(issue + "/comment")).willReturn(aResponse().withStatus(201)
                .withHeader("Content-Type", "application/json").withBody(Recorded.text("jira", "comment-created.json"))));
        long connector = connector(site, filter, "");

        long story = Hub.importItem(connector, key, "backlog");
        assertThat(Hub.story(world, story).path("name").asText()).isEqualTo("Testing summary XSOAR mirroring");
        assertThat(Hub.story(world, story).path("description").asText()).startsWith("XSOAR description stam\n\nJira " + key + ": ");

        Hub.state(world, story, "started");
        Hub.comment(world, story, "Working on the mirror");
        // finished, delivered, rejected, restarted, finished, delivered, accepted
        Hub.states(world, story, "finished", "delivered", "rejected", "started", "finished", "delivered", "accepted");
        Hub.relay(world);

        await().atMost(Duration.ofSeconds(30)).until(() -> transitionIds(issue).size() >= 4);
        // started → In Progress, rejected → back to In Progress, restarted, accepted → Done
        assertThat(transitionIds(issue)).containsExactly("21", "21", "21", "31");
        assertThat(ExternalSystems.JIRA.findAll(postRequestedFor(urlEqualTo(issue + "/comment")))).singleElement()
                .satisfies(r -> assertThat(r.getBodyAsString()).contains("Working on the mirror"));
        Hub.admin().get("/api/links?story_id=" + story).then().statusCode(200).body("[0].problem", nullValue());
    }

    @Test
    void aConnectorsOwnTransitionNamesComeFirst() {
        String site = cloudSite();
        String key = "COMPANYSA-35";
        String issue = site + "/rest/api/2/issue/" + key;
        ExternalSystems.JIRA.stubFor(get(urlPathEqualTo(site + "/rest/api/3/issue/" + key)).willReturn(okJson(Recorded.text("jira", "issue-v3-adf.json"))));
        ExternalSystems.JIRA.stubFor(get(urlEqualTo(issue + "/transitions")).willReturn(okJson(Recorded.text("jira", "transitions-cloud.json"))));
        ExternalSystems.JIRA.stubFor(post(urlEqualTo(issue + "/transitions")).willReturn(aResponse().withStatus(204)));
        long connector = connector(site, SITES.incrementAndGet(), ", \"transitions\": {\"started\": \"In Development\", \"finished\": \"Backlog\"}");
        Hub.admin().get("/api/connectors/" + connector).then().statusCode(200)
                .body("config.transitions.started", equalTo("In Development")).body("config.auth", equalTo("basic"));

        long story = Hub.importItem(connector, key, "backlog");
        Hub.state(world, story, "started");
        Hub.state(world, story, "finished");
        Hub.relay(world);

        await().atMost(Duration.ofSeconds(30)).until(() -> transitionIds(issue).size() >= 2);
        assertThat(transitionIds(issue)).containsExactly("21", "11");
    }

    @Test
    void aDataCenterPersonalAccessTokenIsSentAsABearerTokenAndBasicNeedsAUserName() {
        String site = "/pat" + SITES.incrementAndGet();
        int filter = SITES.incrementAndGet();
        ExternalSystems.JIRA.stubFor(get(urlEqualTo(site + "/rest/api/2/serverInfo")).willReturn(okJson(Recorded.text("jira", "serverinfo-server.json"))));
        // the recorded Cloud 401 body; a Data Center answers 401 to a token it does not accept
        ExternalSystems.JIRA.stubFor(get(urlPathMatching(site + "/rest/api/2/search.*")).atPriority(9).willReturn(aResponse().withStatus(401)
                .withHeader("Content-Type", "application/json").withBody(Recorded.text("jira", "error-401.json"))));
        ExternalSystems.JIRA.stubFor(get(urlPathEqualTo(site + "/rest/api/2/search")).atPriority(1)
                .withHeader("Authorization", WireMock.equalTo("Bearer dc-personal-access-token"))
                .willReturn(okJson(Recorded.text("jira", "search-v2.json"))));
        long connector = Hub.connector("""
                {"type": "jira", "name": "DC %d", "tracker": %s,
                 "config": {"base_url": "%s", "auth": "bearer", "api_token": "dc-personal-access-token", "filter_id": %d}}"""
                .formatted(filter, Hub.tracker(world), ExternalSystems.JIRA.baseUrl() + site, filter));

        Hub.admin().get("/api/connectors/" + connector + "/import-list").then().statusCode(200)
                .body("items.id", contains("ENG-5", "ENG-4", "ENG-3", "ENG-2", "ENG-1")).body("next_page", nullValue());
        Hub.admin().get("/api/connectors/" + connector).then().statusCode(200).body("config.auth", equalTo("bearer"))
                .body("credentials", contains("tracker.api_token", "api_token")).body("config.api_token", nullValue());

        Hub.admin().body("""
                {"type": "jira", "name": "No user", "tracker": %s, "config": {"base_url": "https://acme.atlassian.net", "api_token": "t", "filter_id": 1}}"""
                .formatted(Hub.tracker(world))).post("/api/connectors").then().statusCode(400).body("errors[0].field", equalTo("config.username"));
        Hub.admin().body("""
                {"type": "jira", "name": "Bad auth", "tracker": %s,
                 "config": {"base_url": "https://acme.atlassian.net", "auth": "oauth", "api_token": "t", "filter_id": 1}}"""
                .formatted(Hub.tracker(world))).post("/api/connectors").then().statusCode(400).body("errors[0].field", equalTo("config.auth"));
        Hub.admin().body("""
                {"type": "jira", "name": "Bad map", "tracker": %s,
                 "config": {"base_url": "https://acme.atlassian.net", "username": "u", "api_token": "t", "filter_id": 1, "transitions": {"done": "Done"}}}"""
                .formatted(Hub.tracker(world))).post("/api/connectors").then().statusCode(400).body("errors[0].field", equalTo("config.transitions.done"));
    }

    @Test
    void aJiraBehindALoginRedirectIsRejectedCredentialsAndATimeoutIsTransient() {
        String site = "/sso" + SITES.incrementAndGet();
        // an SSO gateway in front of a self-hosted Jira sends API calls without a session to its login page
        ExternalSystems.JIRA.stubFor(get(urlEqualTo(site + "/rest/api/2/serverInfo")).willReturn(aResponse().withStatus(302)
                .withHeader("Location", ExternalSystems.JIRA.baseUrl() + site + "/login.jsp?os_destination=%2Frest%2Fapi%2F2%2FserverInfo")));
        long connector = connector(site, SITES.incrementAndGet(), "");
        Hub.admin().get("/api/connectors/" + connector + "/import-list").then().statusCode(502)
                .body("detail", org.hamcrest.Matchers.startsWith("Jira answered its server info with HTTP 302: redirected to a login page ("
                        + site + "/login.jsp): the credentials were not accepted"));
        Hub.admin().get("/api/connectors/" + connector).then().body("state", equalTo("error"));

        String slow = "/slow" + SITES.incrementAndGet();
        ExternalSystems.JIRA.stubFor(get(urlEqualTo(slow + "/rest/api/2/serverInfo"))
                .willReturn(okJson(Recorded.text("jira", "serverinfo-server.json")).withFixedDelay(4_000)));
        long waiting = connector(slow, SITES.incrementAndGet(), "");
        Hub.admin().get("/api/connectors/" + waiting + "/import-list").then().statusCode(503)
                .header("Retry-After", notNullValue()).body("detail", equalTo("Jira did not answer its server info in time"));
        Hub.admin().get("/api/connectors/" + waiting).then().body("state", equalTo("active"));
    }

    static List<String> transitionIds(String issue) {
        return ExternalSystems.JIRA.findAll(postRequestedFor(urlEqualTo(issue + "/transitions"))).stream()
                .map(r -> TrackerJson.readTree(r.getBodyAsString()).path("transition").path("id").asText()).toList();
    }

}
