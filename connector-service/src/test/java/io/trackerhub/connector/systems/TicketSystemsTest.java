package io.trackerhub.connector.systems;

import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.trackerhub.connector.ExternalSystems;
import io.trackerhub.connector.Hub;
import io.trackerhub.events.TrackerJson;
import io.trackerhub.testkit.KafkaBroker;
import io.trackerhub.testkit.PostgresDatabase;
import io.trackerhub.testkit.TrackerSimulatorResource;
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
import static com.github.tomakehurst.wiremock.client.WireMock.put;
import static com.github.tomakehurst.wiremock.client.WireMock.putRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;

/** Bugzilla, Lighthouse, Get Satisfaction and a custom ticket system: their import lists and write-back. */
@QuarkusTest
@WithTestResource(KafkaBroker.class)
@WithTestResource(PostgresDatabase.class)
@WithTestResource(TrackerSimulatorResource.class)
@WithTestResource(ExternalSystems.class)
class TicketSystemsTest {

    static final AtomicInteger IDS = new AtomicInteger((int) (System.nanoTime() % 100_000) * 10 + 2_000_000);
    static Hub.World world;

    @BeforeAll
    static void seed() {
        world = Hub.world();
    }

    static String bug(int id, String status) {
        return """
                {"id": %d, "summary": "Crash when saving bug %d", "status": "%s", "creator": "ada@example.org",
                 "creation_time": "2026-11-19T08:00:00Z", "severity": "major", "product": "Firefox", "component": "General"}"""
                .formatted(id, id, status);
    }

    @Test
    void bugzillaListsBugsOfItsProductWithoutExcludedStatusesAndCommentsPrivatelyOnStateChanges() {
        String product = "Product" + IDS.incrementAndGet();
        int open = IDS.incrementAndGet();
        int resolved = IDS.incrementAndGet();
        int assigned = IDS.incrementAndGet();
        ExternalSystems.BUGZILLA.stubFor(get(urlPathEqualTo("/rest/bug")).withQueryParam("product", WireMock.equalTo(product))
                .withHeader("X-BUGZILLA-API-KEY", WireMock.equalTo("bz-key"))
                .willReturn(okJson("{\"bugs\": [" + bug(open, "NEW") + "," + bug(resolved, "RESOLVED") + "," + bug(assigned, "ASSIGNED") + "]}")));
        ExternalSystems.BUGZILLA.stubFor(get(urlPathEqualTo("/rest/bug/" + open)).willReturn(okJson("{\"bugs\": [" + bug(open, "NEW") + "]}")));
        ExternalSystems.BUGZILLA.stubFor(post(urlEqualTo("/rest/bug/" + open + "/comment"))
                .willReturn(aResponse().withStatus(201).withHeader("Content-Type", "application/json").withBody("{\"id\": 9001}")));
        long connector = Hub.connector("""
                {"type": "bugzilla", "name": "Mozilla", "tracker": %s,
                 "config": {"url": "%s", "api_key": "bz-key", "product": "%s", "comments_private": true, "exclude_statuses": ["RESOLVED", "CLOSED"]}}"""
                .formatted(Hub.tracker(world), ExternalSystems.BUGZILLA.baseUrl(), product));

        Hub.admin().get("/api/connectors/" + connector + "/import-list").then().statusCode(200)
                .body("items.id", contains(String.valueOf(open), String.valueOf(assigned)))
                .body("items[0].requester", equalTo("ada@example.org"))
                .body("items[0].url", equalTo(ExternalSystems.BUGZILLA.baseUrl() + "/show_bug.cgi?id=" + open));
        LoggedRequest search = ExternalSystems.BUGZILLA.findAll(getRequestedFor(urlPathEqualTo("/rest/bug"))
                .withQueryParam("product", WireMock.equalTo(product))).get(0);
        assertThat(search.queryParameter("o1").firstValue()).isEqualTo("nowords");
        assertThat(search.queryParameter("v1").firstValue()).isEqualTo("CLOSED RESOLVED");

        long story = Hub.importItem(connector, String.valueOf(open), "backlog");
        Hub.state(world, story, "started");
        Hub.comment(world, story, "Stack trace attached");
        Hub.relay(world);

        await().atMost(Duration.ofSeconds(30)).until(() -> comments(open).size() >= 2);
        assertThat(comments(open)).extracting(r -> TrackerJson.readTree(r.getBodyAsString()).path("comment").asText())
                .satisfiesExactly(state -> assertThat(state).contains("started Tracker story"), note -> assertThat(note).contains("Stack trace attached"));
        assertThat(comments(open)).allSatisfy(r -> assertThat(TrackerJson.readTree(r.getBodyAsString()).path("is_private").asBoolean()).isTrue());
    }

    static List<LoggedRequest> comments(int bug) {
        return ExternalSystems.BUGZILLA.findAll(postRequestedFor(urlEqualTo("/rest/bug/" + bug + "/comment")));
    }

    @Test
    void lighthouseListsTheTicketsOfItsBinAndGetsNotesAndStates() {
        int project = IDS.incrementAndGet();
        int bin = IDS.incrementAndGet();
        String base = "/projects/" + project;
        ExternalSystems.LIGHTHOUSE.stubFor(get(urlEqualTo(base + "/bins/" + bin + ".json")).withHeader("X-LighthouseToken", WireMock.equalTo("lh-token"))
                .willReturn(okJson("{\"ticket_bin\": {\"id\": " + bin + ", \"name\": \"Open bugs\", \"query\": \"state:open tagged:bug\", \"tickets_count\": 1}}")));
        String ticket = """
                {"ticket": {"number": 12, "title": "Login button missing", "state": "new", "tag": "bug ui", "creator_name": "Rick",
                 "created_at": "2026-11-18T12:00:00Z", "url": "https://acme.lighthouseapp.com/projects/%d/tickets/12", "original_body": "Gone"}}"""
                .formatted(project);
        ExternalSystems.LIGHTHOUSE.stubFor(get(urlPathEqualTo(base + "/tickets.json")).withQueryParam("q", WireMock.equalTo("state:open tagged:bug"))
                .willReturn(okJson("{\"tickets\": [" + ticket + "]}")));
        ExternalSystems.LIGHTHOUSE.stubFor(get(urlEqualTo(base + "/tickets/12.json")).willReturn(okJson(ticket)));
        ExternalSystems.LIGHTHOUSE.stubFor(put(urlEqualTo(base + "/tickets/12.json")).willReturn(okJson(ticket)));
        long connector = Hub.connector("""
                {"type": "lighthouse", "name": "Lighthouse", "tracker": %s,
                 "config": {"account": "%s", "token": "lh-token", "project_id": %d, "bin_id": %d}}"""
                .formatted(Hub.tracker(world), ExternalSystems.LIGHTHOUSE.baseUrl(), project, bin));

        Hub.admin().get("/api/connectors/" + connector + "/import-list").then().statusCode(200)
                .body("items.id", contains("12")).body("items[0].title", equalTo("Login button missing"));
        long story = Hub.importItem(connector, "12", "backlog");
        assertThat(Hub.story(world, story).path("story_type").asText()).isEqualTo("bug");
        Hub.state(world, story, "started");
        Hub.comment(world, story, "Found the CSS rule");
        Hub.state(world, story, "finished");
        Hub.state(world, story, "delivered");
        Hub.state(world, story, "accepted");
        Hub.relay(world);

        await().atMost(Duration.ofSeconds(30)).until(() -> ExternalSystems.LIGHTHOUSE.findAll(putRequestedFor(urlEqualTo(base + "/tickets/12.json"))).size() >= 4);
        assertThat(ExternalSystems.LIGHTHOUSE.findAll(putRequestedFor(urlEqualTo(base + "/tickets/12.json"))))
                .extracting(r -> TrackerJson.readTree(r.getBodyAsString()).path("ticket"))
                .satisfiesExactly(
                        t -> assertThat(t.path("state").asText()).isEqualTo("open"),
                        t -> assertThat(t.path("body").asText()).contains("Found the CSS rule"),
                        t -> assertThat(t.path("state").asText()).isEqualTo("resolved"),
                        t -> assertThat(t.path("state").asText()).isEqualTo("resolved"));
    }

    @Test
    void getSatisfactionListsOnlyUnresolvedIdeasAndProblemsAndWritesNothingBack() {
        String company = "acme" + IDS.incrementAndGet();
        ExternalSystems.SATISFACTION.stubFor(get(urlPathEqualTo("/companies/" + company + "/products/widget/topics.json"))
                .willReturn(okJson("""
                        {"total": 5, "data": [
                          {"id": 101, "subject": "Dark mode please", "style": "idea", "status": "active", "author": {"name": "Zed"},
                           "created_at": "2026/11/01 10:00:00 +0000", "at_sfn": "https://getsatisfaction.com/%s/topics/dark_mode"},
                          {"id": 102, "subject": "Sync loses notes", "style": "problem", "status": null, "author": {"name": "Yan"},
                           "created_at": "2026/11/02 10:00:00 +0000"},
                          {"id": 103, "subject": "Love it", "style": "praise", "status": null, "author": {"name": "Xi"}},
                          {"id": 104, "subject": "How do I export?", "style": "question", "status": "pending", "author": {"name": "Wu"}},
                          {"id": 105, "subject": "Old idea", "style": "idea", "status": "complete", "author": {"name": "Vi"}}]}"""
                        .formatted(company))));
        ExternalSystems.SATISFACTION.stubFor(get(urlEqualTo("/topics/102.json")).willReturn(okJson("""
                {"id": 102, "subject": "Sync loses notes", "style": "problem", "status": null, "author": {"name": "Yan"},
                 "content": "Since the update", "created_at": "2026/11/02 10:00:00 +0000"}""")));
        long connector = Hub.connector("""
                {"type": "satisfaction", "name": "Community", "tracker": %s, "config": {"company": "%s", "product": "widget"}}"""
                .formatted(Hub.tracker(world), company));

        Hub.admin().get("/api/connectors/" + connector + "/import-list").then().statusCode(200)
                .body("items.id", contains("101", "102")).body("items.type", contains("idea", "problem"))
                .body("items[0].url", equalTo("https://getsatisfaction.com/" + company + "/topics/dark_mode"))
                .body("items[1].url", equalTo("https://getsatisfaction.com/" + company + "/topics/102"));
        long story = Hub.importItem(connector, "102", "icebox");
        assertThat(Hub.story(world, story).path("story_type").asText()).isEqualTo("bug");
        assertThat(Hub.story(world, story).path("description").asText()).startsWith("Since the update");

        Hub.comment(world, story, "Public topics get nothing");
        Hub.state(world, story, "started");
        List<io.trackerhub.events.activity.Activity> relayed = Hub.relay(world);
        Hub.awaitConsumed(relayed.get(relayed.size() - 1).guid());
        Hub.admin().get("/api/connectors/" + connector + "/import-list").then().statusCode(200).body("items.id", contains("101"));
        assertThat(Hub.deliveries(connector, null)).isEmpty();
    }

    @Test
    void anOtherSystemImportsFromItsXmlImportApiAndLinksToBaseUrlPlusId() {
        String path = "/import/" + IDS.incrementAndGet() + ".xml";
        ExternalSystems.OTHER.stubFor(get(urlEqualTo(path)).willReturn(aResponse().withHeader("Content-Type", "application/xml").withBody("""
                <?xml version="1.0" encoding="UTF-8"?>
                <external_stories type="array">
                  <external_story>
                    <external_id>T-100</external_id>
                    <name>Export to CSV</name>
                    <description>Customers ask for it</description>
                    <requested_by>Jo Doe</requested_by>
                    <created_at type="datetime">2026/11/10 10:00:00 UTC</created_at>
                    <story_type>feature</story_type>
                    <estimate type="integer">3</estimate>
                  </external_story>
                  <external_story>
                    <external_id>T-101</external_id>
                    <name>Wrong totals</name>
                    <story_type>bug</story_type>
                  </external_story>
                </external_stories>""")));
        long connector = Hub.connector("""
                {"type": "other", "name": "Helpdesk ID", "tracker": %s,
                 "config": {"base_url": "https://helpdesk.example.org/tickets/", "import_api_url": "%s%s"}}"""
                .formatted(Hub.tracker(world), ExternalSystems.OTHER.baseUrl(), path));

        Hub.admin().get("/api/connectors/" + connector + "/import-list").then().statusCode(200)
                .body("items.id", contains("T-100", "T-101")).body("items[0].requester", equalTo("Jo Doe"))
                .body("items[0].url", equalTo("https://helpdesk.example.org/tickets/T-100"));
        long story = Hub.importItem(connector, "T-100", "backlog");
        assertThat(Hub.story(world, story).path("external_id").asText()).isEqualTo("T-100");
        assertThat(Hub.story(world, story).path("estimate").asDouble()).isEqualTo(3.0);
        assertThat(Hub.story(world, story).path("name").asText()).isEqualTo("Export to CSV");

        ExternalSystems.OTHER.stubFor(get(urlEqualTo(path)).willReturn(aResponse().withBody("<html><body>Login</body>")));
        Hub.admin().get("/api/connectors/" + connector + "/import-list").then().statusCode(502).contentType("application/problem+json")
                .body("detail", org.hamcrest.Matchers.startsWith("the Import API of \"Helpdesk ID\" answered the import list with something unreadable: not XML"));
        ExternalSystems.OTHER.stubFor(get(urlEqualTo(path)).willReturn(aResponse().withBody("<stories><story/></stories>")));
        Hub.admin().get("/api/connectors/" + connector + "/import-list").then().statusCode(502)
                .body("detail", equalTo("the Import API of \"Helpdesk ID\" answered the import list with something unreadable: "
                        + "<stories> where <external_stories type=\"array\"> was expected"));
    }
}
