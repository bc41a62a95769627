package io.trackerhub.connector.systems;

import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.trackerhub.connector.ExternalSystems;
import io.trackerhub.connector.Hub;
import io.trackerhub.connector.Recorded;
import com.fasterxml.jackson.databind.node.ObjectNode;
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

    /** The recorded bug 1047068 (anonymised by its recorder) with this test's id, status and product. */
    static ObjectNode bug(int id, String status, String product) {
        ObjectNode bug = (ObjectNode) Recorded.json("bugzilla", "rest/bug-get-1047068.go-bugzilla-rest-anonymized.json").path("bugs").get(0);
        return bug.put("id", id).put("status", status).put("product", product).put("summary", "L4: test cloud bug " + id);
    }

    static String bugs(ObjectNode... bugs) {
        ObjectNode answer = Recorded.json("bugzilla", "rest/bug-get-1047068.go-bugzilla-rest-anonymized.json");
        answer.putArray("bugs").addAll(List.of(bugs));
        return answer.toString();
    }

    /** Bugzilla 5.0/5.2: the key is read only from the query (GET) or the body (POST); X-BUGZILLA-* headers are ignored. */
    @Test
    void bugzillaReadsPrivateBugsWithTheKeyInTheQueryTakesTheDescriptionFromCommentZeroAndCommentsPrivately() {
        String product = "Product" + IDS.incrementAndGet();
        int open = IDS.incrementAndGet();
        int resolved = IDS.incrementAndGet();
        int assigned = IDS.incrementAndGet();
        // anonymous (or header-only) searches see no private bug and no error, as 5.2 answers them
        ExternalSystems.BUGZILLA.stubFor(get(urlPathEqualTo("/rest/bug")).withQueryParam("product", WireMock.equalTo(product)).atPriority(9)
                .willReturn(okJson(bugs())));
        ExternalSystems.BUGZILLA.stubFor(get(urlPathEqualTo("/rest/bug")).withQueryParam("product", WireMock.equalTo(product)).atPriority(1)
                .withQueryParam("Bugzilla_api_key", WireMock.equalTo("bz-key"))
                .willReturn(okJson(bugs(bug(open, "NEW", product), bug(resolved, "RESOLVED", product), bug(assigned, "ASSIGNED", product)))));
        ExternalSystems.BUGZILLA.stubFor(get(urlPathEqualTo("/rest/bug/" + open)).withQueryParam("Bugzilla_api_key", WireMock.equalTo("bz-key"))
                .willReturn(okJson(bugs(bug(open, "NEW", product)))));
        String comments = Recorded.text("bugzilla", "rest/comments-1047068.go-bugzilla-rest-anonymized.json")
                .replace("1047068", String.valueOf(open));
        ExternalSystems.BUGZILLA.stubFor(get(urlPathEqualTo("/rest/bug/" + open + "/comment")).withQueryParam("Bugzilla_api_key", WireMock.equalTo("bz-key"))
                .willReturn(okJson(comments)));
        // a comment without the key in its body: login required (code 410, HTTP 401 as Bugzilla maps it)
        ObjectNode loginRequired = Recorded.json("bugzilla", "docs-examples/error.general-rst.json").put("code", 410)
                .put("message", "You must log in before using this part of Bugzilla.");
        ExternalSystems.BUGZILLA.stubFor(post(urlEqualTo("/rest/bug/" + open + "/comment")).atPriority(9)
                .willReturn(aResponse().withStatus(401).withHeader("Content-Type", "application/json").withBody(loginRequired.toString())));
        ExternalSystems.BUGZILLA.stubFor(post(urlEqualTo("/rest/bug/" + open + "/comment")).atPriority(1)
                .withRequestBody(WireMock.matchingJsonPath("$.Bugzilla_api_key", WireMock.equalTo("bz-key")))
                .willReturn(aResponse().withStatus(201).withHeader("Content-Type", "application/json")
                        .withBody(Recorded.text("bugzilla", "docs-examples/comment-post-response.comment-rst.json"))));
        long connector = Hub.connector("""
                {"type": "bugzilla", "name": "Mozilla", "tracker": %s,
                 "config": {"url": "%s", "api_key": "bz-key", "product": "%s", "comments_private": true, "exclude_statuses": ["RESOLVED", "CLOSED"]}}"""
                .formatted(Hub.tracker(world), ExternalSystems.BUGZILLA.baseUrl(), product));

        Hub.admin().get("/api/connectors/" + connector + "/import-list").then().statusCode(200)
                .body("items.id", contains(String.valueOf(open), String.valueOf(assigned)))
                .body("items[0].requester", equalTo("user1@foobarcorp.example.com"))
                .body("items[0].url", equalTo(ExternalSystems.BUGZILLA.baseUrl() + "/show_bug.cgi?id=" + open));
        LoggedRequest search = ExternalSystems.BUGZILLA.findAll(getRequestedFor(urlPathEqualTo("/rest/bug"))
                .withQueryParam("product", WireMock.equalTo(product))).get(0);
        assertThat(search.queryParameter("o1").firstValue()).isEqualTo("nowords");
        assertThat(search.queryParameter("v1").firstValue()).isEqualTo("CLOSED RESOLVED");
        assertThat(search.containsHeader("X-BUGZILLA-API-KEY")).isFalse();

        long story = Hub.importItem(connector, String.valueOf(open), "backlog");
        assertThat(Hub.story(world, story).path("description").asText()).startsWith("This is a test cloud incident.");
        Hub.state(world, story, "started");
        Hub.comment(world, story, "Stack trace attached");
        Hub.relay(world);

        await().atMost(Duration.ofSeconds(30)).until(() -> comments(open).size() >= 2);
        assertThat(comments(open)).extracting(r -> TrackerJson.readTree(r.getBodyAsString()).path("comment").asText())
                .satisfiesExactly(state -> assertThat(state).contains("started Tracker story"), note -> assertThat(note).contains("Stack trace attached"));
        assertThat(comments(open)).allSatisfy(r -> assertThat(TrackerJson.readTree(r.getBodyAsString()).path("is_private").asBoolean()).isTrue());
        await().atMost(Duration.ofSeconds(30)).until(() -> Hub.deliveries(connector, "delivered").size() == 2);
        Hub.admin().get("/api/connectors/" + connector).then().body("state", equalTo("active"));
    }

    @Test
    void bugzillasErrorCodesTellADeniedBugFromRejectedCredentials() {
        String product = "Codes" + IDS.incrementAndGet();
        int denied = IDS.incrementAndGet();
        int missing = IDS.incrementAndGet();
        ExternalSystems.BUGZILLA.stubFor(get(urlPathEqualTo("/rest/bug/" + denied)).willReturn(aResponse().withStatus(401)
                .withHeader("Content-Type", "application/json").withBody(Recorded.text("bugzilla", "errors/102-access-denied.go-bugzilla-rest.json"))));
        ExternalSystems.BUGZILLA.stubFor(get(urlPathEqualTo("/rest/bug/" + missing)).willReturn(aResponse().withStatus(404)
                .withHeader("Content-Type", "application/json").withBody(Recorded.text("bugzilla", "errors/101-bug-does-not-exist.test-infra.json"))));
        ObjectNode revoked = Recorded.json("bugzilla", "docs-examples/error.general-rst.json").put("code", 306)
                .put("message", "The API key you specified is invalid. Please check that you typed it correctly.");
        ExternalSystems.BUGZILLA.stubFor(get(urlPathEqualTo("/rest/bug")).withQueryParam("product", WireMock.equalTo(product))
                .withQueryParam("Bugzilla_api_key", WireMock.equalTo("revoked")).willReturn(aResponse().withStatus(400)
                        .withHeader("Content-Type", "application/json").withBody(revoked.toString())));
        long connector = Hub.connector("""
                {"type": "bugzilla", "name": "Codes", "tracker": %s, "config": {"url": "%s", "api_key": "bz-key", "product": "%s"}}"""
                .formatted(Hub.tracker(world), ExternalSystems.BUGZILLA.baseUrl(), product));

        Hub.admin().body("{\"external_id\": \"" + denied + "\"}").post("/api/connectors/" + connector + "/import").then().statusCode(502)
                .body("detail", equalTo("Bugzilla answered bug " + denied + " with HTTP 401: You are not authorized to access bug #1171184."));
        Hub.admin().get("/api/connectors/" + connector).then().body("state", equalTo("active"));
        Hub.admin().body("{\"external_id\": \"" + missing + "\"}").post("/api/connectors/" + connector + "/import").then().statusCode(404);

        Hub.admin().body("""
                {"type": "bugzilla", "name": "Codes", "tracker": %s, "config": {"url": "%s", "api_key": "revoked", "product": "%s"}}"""
                .formatted(Hub.tracker(world), ExternalSystems.BUGZILLA.baseUrl(), product)).put("/api/connectors/" + connector).then().statusCode(200);
        Hub.admin().get("/api/connectors/" + connector + "/import-list").then().statusCode(502)
                .body("detail", org.hamcrest.Matchers.containsString("is now in error until its credentials are fixed"));
        Hub.admin().get("/api/connectors/" + connector).then().body("state", equalTo("error"))
                .body("state_reason", org.hamcrest.Matchers.startsWith("Bugzilla answered the bug search with HTTP 400: The API key you specified is invalid"));
    }

    static List<LoggedRequest> comments(int bug) {
        return ExternalSystems.BUGZILLA.findAll(postRequestedFor(urlEqualTo("/rest/bug/" + bug + "/comment")));
    }

    @Test
    void lighthouseListsTheTicketsOfItsBinReadsTheLatestBodyAndWritesTheConnectorsStates() {
        int project = IDS.incrementAndGet();
        int bin = IDS.incrementAndGet();
        String base = "/projects/" + project;
        // no recorded bin body is public; the values are those net-lighthouse's test asserts for bin 48889
        ExternalSystems.LIGHTHOUSE.stubFor(get(urlEqualTo(base + "/bins/" + bin + ".json")).withHeader("X-LighthouseToken", WireMock.equalTo("lh-token"))
                .willReturn(okJson("{\"ticket_bin\": {\"id\": " + bin + ", \"name\": \"Open tickets\", \"query\": \"state:open\", \"position\": 1, "
                        + "\"shared\": true, \"tickets_count\": 2, \"user_id\": 67166, \"project_id\": 35918}}")));
        ExternalSystems.LIGHTHOUSE.stubFor(get(urlPathEqualTo(base + "/tickets.json")).withQueryParam("q", WireMock.equalTo("state:open"))
                .willReturn(okJson(Recorded.text("lighthouse", "json-derived/tickets.json"))));
        ObjectNode ticket = Recorded.json("lighthouse", "json-derived/ticket-5.json");
        ((ObjectNode) ticket.path("ticket")).remove("original_body");
        ExternalSystems.LIGHTHOUSE.stubFor(get(urlEqualTo(base + "/tickets/5.json")).willReturn(okJson(ticket.toString())));
        ExternalSystems.LIGHTHOUSE.stubFor(put(urlEqualTo(base + "/tickets/5.json")).willReturn(okJson(ticket.toString())));
        long connector = Hub.connector("""
                {"type": "lighthouse", "name": "Lighthouse", "tracker": %s,
                 "config": {"account": "%s", "token": "lh-token", "project_id": %d, "bin_id": %d, "states": {"started": "open", "finished": "hold"}}}"""
                .formatted(Hub.tracker(world), ExternalSystems.LIGHTHOUSE.baseUrl(), project, bin));

        Hub.admin().get("/api/connectors/" + connector + "/import-list").then().statusCode(200)
                .body("items.id", contains("5", "4", "2")).body("items[0].title", equalTo("tehantuehn"))
                .body("items[0].requester", equalTo("Kia Kroas"))
                .body("items[0].url", equalTo("http://taskmapper.lighthouseapp.com/projects/54448/tickets/5"));
        long story = Hub.importItem(connector, "5", "backlog");
        assertThat(Hub.story(world, story).path("description").asText()).startsWith("cheuasoht atesuhn\n\nLighthouse 5: ");
        Hub.state(world, story, "started");
        Hub.comment(world, story, "Found the CSS rule");
        Hub.state(world, story, "finished");
        Hub.state(world, story, "delivered");
        Hub.state(world, story, "accepted");
        List<io.trackerhub.events.activity.Activity> relayed = Hub.relay(world);

        await().atMost(Duration.ofSeconds(30)).until(() -> ExternalSystems.LIGHTHOUSE.findAll(putRequestedFor(urlEqualTo(base + "/tickets/5.json"))).size() >= 3);
        Hub.awaitConsumed(relayed.get(relayed.size() - 1).guid());
        // delivered and accepted are not in the connector's states: nothing is sent for them
        assertThat(ExternalSystems.LIGHTHOUSE.findAll(putRequestedFor(urlEqualTo(base + "/tickets/5.json"))))
                .extracting(r -> TrackerJson.readTree(r.getBodyAsString()).path("ticket"))
                .satisfiesExactly(
                        t -> assertThat(t.path("state").asText()).isEqualTo("open"),
                        t -> assertThat(t.path("body").asText()).contains("Found the CSS rule"),
                        t -> assertThat(t.path("state").asText()).isEqualTo("hold"));
    }

    @Test
    void aLighthouseTicketWithoutLatestBodyTakesItsFirstVersionsBody() {
        ObjectNode ticket = (ObjectNode) Recorded.json("lighthouse", "json-derived/ticket-5.json").path("ticket");
        assertThat(io.trackerhub.connector.systems.lighthouse.LighthouseSystem.body(ticket)).isEqualTo("cheuasoht atesuhn");
        ticket.remove("latest_body");
        ((ObjectNode) ticket.path("versions").get(0)).put("body", "first version");
        assertThat(io.trackerhub.connector.systems.lighthouse.LighthouseSystem.body(ticket)).isEqualTo("first version");
    }

    @Test
    void getSatisfactionListsOnlyUnresolvedIdeasAndProblemsAndWritesNothingBack() {
        String company = "acme" + IDS.incrementAndGet();
        // no answer of api.getsatisfaction.com was ever recorded in public: these bodies follow its documentation
        // (fixtures/satisfaction/README.md): the company listing filtered by product, total and data, at most 30 a page
        ExternalSystems.SATISFACTION.stubFor(get(urlPathEqualTo("/companies/" + company + "/topics.json"))
                .withQueryParam("product", WireMock.equalTo("widget"))
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

        Hub.admin().get("/api/connectors/" + connector + "/import-list?per_page=100").then().statusCode(200)
                .body("items.id", contains("101", "102")).body("items.type", contains("idea", "problem")).body("next_page", equalTo(null))
                .body("items[0].url", equalTo("https://getsatisfaction.com/" + company + "/topics/dark_mode"))
                .body("items[1].url", equalTo("https://getsatisfaction.com/" + company + "/topics/102"));
        assertThat(ExternalSystems.SATISFACTION.findAll(getRequestedFor(urlPathEqualTo("/companies/" + company + "/topics.json"))).get(0)
                .queryParameter("limit").firstValue()).as("Get Satisfaction serves at most 30 a page").isEqualTo("30");
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
    void anOtherSystemsImportApiIsReadWithBasicAuthAndLinksGoToBaseUrlPlusId() {
        String path = "/import/" + IDS.incrementAndGet() + ".xml";
        // a recorded Import API answer (issues2stories), behind HTTP Basic as the real ones were: 401 without it
        ExternalSystems.OTHER.stubFor(get(urlEqualTo(path)).atPriority(9).willReturn(aResponse().withStatus(401)
                .withHeader("WWW-Authenticate", "Basic realm=\"Tracker import\"").withBody("Unauthorized")));
        ExternalSystems.OTHER.stubFor(get(urlEqualTo(path)).atPriority(1).withBasicAuth("tracker", "import-secret")
                .willReturn(aResponse().withHeader("Content-Type", "text/xml")
                        .withBody(Recorded.text("other-import-api", "issues2stories_tracker_import_response.xml"))));
        long connector = Hub.connector("""
                {"type": "other", "name": "Helpdesk ID", "tracker": %s,
                 "config": {"base_url": "https://github.com/vmware-tanzu/pinniped/issues/", "import_api_url": "%s%s",
                            "import_api_username": "tracker", "import_api_password": "import-secret"}}"""
                .formatted(Hub.tracker(world), ExternalSystems.OTHER.baseUrl(), path));
        Hub.admin().get("/api/connectors/" + connector).then().statusCode(200)
                .body("credentials", contains("tracker.api_token", "import_api_password")).body("config.import_api_password", equalTo(null));

        Hub.admin().get("/api/connectors/" + connector + "/import-list").then().statusCode(200)
                .body("items.id", contains("371", "368", "228", "348")).body("items[0].requester", equalTo("ankeesler"))
                .body("items[0].type", equalTo("bug"))
                .body("items[0].url", equalTo("https://github.com/vmware-tanzu/pinniped/issues/371"));
        assertThat(ExternalSystems.OTHER.findAll(getRequestedFor(urlEqualTo(path))).get(0).getHeader("Accept")).isEqualTo("application/xml");
        long story = Hub.importItem(connector, "371", "backlog");
        assertThat(Hub.story(world, story).path("story_type").asText()).isEqualTo("bug");
        assertThat(Hub.story(world, story).path("name").asText()).isEqualTo("Do we need to remove `TokenCredentialRequest` from `pinniped` category?");
        assertThat(Hub.story(world, story).path("description").asText()).contains("**What happened?**");

        // the same answer with a capitalised type and an "unestimated" -1, as other Import APIs sent them
        String variant = Recorded.text("other-import-api", "issues2stories_tracker_import_response.xml")
                .replace("<story_type>feature</story_type>\n     <created_at>2021-01-27T21:53:02Z</created_at>",
                        "<story_type>Bug</story_type>\n     <created_at>2021-01-27T21:53:02Z</created_at>\n     <estimate type=\"integer\">-1</estimate>")
                .replace("<story_type>feature</story_type>\n     <created_at>2020-11-18T21:03:44Z</created_at>",
                        "<story_type>Epic</story_type>\n     <created_at>2020-11-18T21:03:44Z</created_at>\n     <estimate type=\"integer\">2</estimate>");
        assertThat(variant).contains("<story_type>Bug</story_type>").contains("<story_type>Epic</story_type>");
        ExternalSystems.OTHER.stubFor(get(urlEqualTo(path)).atPriority(1).withBasicAuth("tracker", "import-secret")
                .willReturn(aResponse().withHeader("Content-Type", "text/xml").withBody(variant)));
        long bug = Hub.importItem(connector, "368", "backlog");
        assertThat(Hub.story(world, bug).path("story_type").asText()).isEqualTo("bug");
        assertThat(Hub.story(world, bug).has("estimate")).isFalse();
        long epic = Hub.importItem(connector, "228", "backlog");
        assertThat(Hub.story(world, epic).path("story_type").asText()).isEqualTo("feature");
        assertThat(Hub.story(world, epic).path("estimate").asDouble()).isEqualTo(2.0);
        assertThat(Hub.story(world, epic).path("description").asText()).contains("gave the story type \"Epic\", which Tracker does not have");

        ExternalSystems.OTHER.stubFor(get(urlEqualTo(path)).atPriority(1).willReturn(aResponse().withStatus(401).withBody("Unauthorized")));
        Hub.admin().get("/api/connectors/" + connector + "/import-list").then().statusCode(502)
                .body("detail", org.hamcrest.Matchers.containsString("is now in error until its credentials are fixed"));
        Hub.admin().body("""
                {"type": "other", "name": "Helpdesk ID", "tracker": %s,
                 "config": {"base_url": "https://github.com/vmware-tanzu/pinniped/issues/", "import_api_url": "%s%s", "import_api_username": "tracker"}}"""
                .formatted(Hub.tracker(world), ExternalSystems.OTHER.baseUrl(), path)).put("/api/connectors/" + connector).then().statusCode(200);
        Hub.admin().body("""
                {"type": "other", "name": "No password", "tracker": %s,
                 "config": {"base_url": "https://x.example/", "import_api_url": "https://x.example/i.xml", "import_api_username": "tracker"}}"""
                .formatted(Hub.tracker(world))).post("/api/connectors").then().statusCode(400).body("errors[0].field", equalTo("config.import_api_password"));
    }

    @Test
    void anOtherSystemsUnreadableImportListIsAClearFailure() {
        String path = "/import/" + IDS.incrementAndGet() + ".xml";
        long connector = Hub.connector("""
                {"type": "other", "name": "Helpdesk ID", "tracker": %s,
                 "config": {"base_url": "https://helpdesk.example.org/tickets/", "import_api_url": "%s%s"}}"""
                .formatted(Hub.tracker(world), ExternalSystems.OTHER.baseUrl(), path));
        ExternalSystems.OTHER.stubFor(get(urlEqualTo(path)).willReturn(aResponse().withBody("<html><body>Login</body>")));
        Hub.admin().get("/api/connectors/" + connector + "/import-list").then().statusCode(502).contentType("application/problem+json")
                .body("detail", org.hamcrest.Matchers.startsWith("the Import API of \"Helpdesk ID\" answered the import list with something unreadable: not XML"));
        ExternalSystems.OTHER.stubFor(get(urlEqualTo(path)).willReturn(aResponse().withBody("<stories><story/></stories>")));
        Hub.admin().get("/api/connectors/" + connector + "/import-list").then().statusCode(502)
                .body("detail", equalTo("the Import API of \"Helpdesk ID\" answered the import list with something unreadable: "
                        + "<stories> where <external_stories type=\"array\"> was expected"));
    }
}
