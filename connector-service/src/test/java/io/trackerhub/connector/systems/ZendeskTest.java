package io.trackerhub.connector.systems;

import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.trackerhub.connector.ExternalSystems;
import io.trackerhub.connector.Hub;
import io.trackerhub.connector.Recorded;
import com.github.tomakehurst.wiremock.client.WireMock;
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
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.put;
import static com.github.tomakehurst.wiremock.client.WireMock.putRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

/** A Zendesk connector: a view's tickets; private comments for comments and states; new tickets opened on start; bad credentials. */
@QuarkusTest
@WithTestResource(KafkaBroker.class)
@WithTestResource(PostgresDatabase.class)
@WithTestResource(TrackerSimulatorResource.class)
@WithTestResource(ExternalSystems.class)
class ZendeskTest {

    static final AtomicInteger IDS = new AtomicInteger((int) (System.nanoTime() % 100_000) * 10 + 1_000_000);
    static Hub.World world;

    @BeforeAll
    static void seed() {
        world = Hub.world();
    }

    /** The recorded ticket 4 (with its side-loaded requester) as ticket {@code id} in {@code status}. */
    static ObjectNode ticket(int id, String status) {
        ObjectNode answer = Recorded.json("zendesk", "tickets/ticket-4.include-users-groups.json");
        ((ObjectNode) answer.path("ticket")).put("id", id).put("status", status).put("type", "incident")
                .put("url", ExternalSystems.ZENDESK.baseUrl() + "/api/v2/tickets/" + id + ".json");
        return answer;
    }

    /**
     * A view with one ticket: the recorded view page cut to that ticket, with the users side-loaded as Zendesk adds them
     * for include=users (recorded on ticket 4; no view page with users was recorded). Updates answer with the recorded
     * audit whose first event is the new comment.
     */
    static long connector(int view, int ticket, String status, String token) {
        ObjectNode shown = ticket(ticket, status);
        ObjectNode page = Recorded.json("zendesk", "views/view-6164074383386-tickets.offset-page1.json");
        page.putArray("tickets").add(shown.path("ticket"));
        page.set("users", shown.path("users"));
        page.putNull("next_page").put("count", 1);
        ExternalSystems.ZENDESK.stubFor(get(urlPathEqualTo("/api/v2/views/" + view + "/tickets.json")).withQueryParam("include", WireMock.equalTo("users"))
                .withBasicAuth("agent@example.com/token", "zd-token").willReturn(okJson(page.toString())));
        ExternalSystems.ZENDESK.stubFor(get(urlPathEqualTo("/api/v2/tickets/" + ticket + ".json")).withBasicAuth("agent@example.com/token", "zd-token")
                .willReturn(okJson(shown.toString())));
        ObjectNode updated = Recorded.json("zendesk", "tickets/ticket-4029.post-create.json");
        ((ObjectNode) updated.path("audit").path("events").get(0)).put("id", ticket + 7L).put("public", false);
        ExternalSystems.ZENDESK.stubFor(put(urlEqualTo("/api/v2/tickets/" + ticket + ".json")).withBasicAuth("agent@example.com/token", "zd-token")
                .willReturn(okJson(updated.toString())));
        return Hub.connector("""
                {"type": "zendesk", "name": "Support", "tracker": %s,
                 "config": {"url": "%s", "email": "agent@example.com", "api_token": "%s", "view_id": %d}}"""
                .formatted(Hub.tracker(world), ExternalSystems.ZENDESK.baseUrl(), token, view));
    }

    static List<LoggedRequest> updates(int ticket) {
        return ExternalSystems.ZENDESK.findAll(putRequestedFor(urlEqualTo("/api/v2/tickets/" + ticket + ".json")));
    }

    static com.fasterxml.jackson.databind.JsonNode body(LoggedRequest request) {
        return TrackerJson.readTree(request.getBodyAsString()).path("ticket");
    }

    @Test
    void startingAStoryOpensItsNewTicketAndEveryChangeIsAPrivateComment() {
        int view = IDS.incrementAndGet();
        int ticket = IDS.incrementAndGet();
        long connector = connector(view, ticket, "new", "zd-token");
        Hub.admin().get("/api/connectors/" + connector + "/import-list").then().statusCode(200)
                .body("items.id", contains(String.valueOf(ticket))).body("items[0].type", equalTo("incident"))
                .body("items[0].requester", equalTo("Yosuke Tamura")).body("items[0].title", equalTo("nyanyanyanya"))
                .body("items[0].url", equalTo(ExternalSystems.ZENDESK.baseUrl() + "/agent/tickets/" + ticket));
        long story = Hub.importItem(connector, String.valueOf(ticket), "icebox");
        assertThat(Hub.story(world, story).path("current_state").asText()).isEqualTo("unscheduled");
        assertThat(Hub.story(world, story).path("story_type").asText()).isEqualTo("bug");
        assertThat(Hub.story(world, story).path("description").asText()).startsWith("(●ↀ ω ↀ )").contains("Requested by Yosuke Tamura in Zendesk");

        Hub.state(world, story, "started");
        Hub.comment(world, story, "Fire brigade called");
        Hub.state(world, story, "finished");
        Hub.relay(world);

        await().atMost(Duration.ofSeconds(30)).until(() -> updates(ticket).size() >= 3);
        List<LoggedRequest> updates = updates(ticket);
        assertThat(updates).hasSize(3);
        assertThat(body(updates.get(0)).path("status").asText()).isEqualTo("open");
        assertThat(body(updates.get(0)).path("comment").path("body").asText()).contains("started Tracker story");
        assertThat(body(updates.get(1)).path("comment").path("body").asText()).contains("Fire brigade called");
        assertThat(body(updates.get(1)).has("status")).isFalse();
        assertThat(body(updates.get(2)).path("comment").path("body").asText()).contains("finished Tracker story");
        assertThat(updates).allSatisfy(u -> assertThat(body(u).path("comment").path("public").asBoolean(true)).isFalse());
    }

    @Test
    void aRateLimitedListAnswers503WithZendesksRetryAfter() {
        int view = IDS.incrementAndGet();
        long connector = connector(view, IDS.incrementAndGet(), "new", "zd-token");
        // no 429 body was recorded in public; Zendesk documents the status and its Retry-After in seconds
        ExternalSystems.ZENDESK.stubFor(get(urlPathEqualTo("/api/v2/views/" + view + "/tickets.json")).atPriority(1)
                .willReturn(aResponse().withStatus(429).withHeader("Retry-After", "93")));
        Hub.admin().get("/api/connectors/" + connector + "/import-list").then().statusCode(503)
                .header("Retry-After", equalTo("93"))
                .body("detail", equalTo("Zendesk answered the tickets of view " + view + " with HTTP 429"));
        Hub.admin().get("/api/connectors/" + connector).then().body("state", equalTo("active"));
    }

    @Test
    void rejectedCredentialsPutTheConnectorInErrorAndItsWritesWaitUntilItIsFixed() {
        int view = IDS.incrementAndGet();
        int ticket = IDS.incrementAndGet();
        long connector = connector(view, ticket, "open", "zd-token");
        long story = Hub.importItem(connector, String.valueOf(ticket), "backlog");
        Hub.admin().body("""
                {"type": "zendesk", "name": "Support", "tracker": %s,
                 "config": {"url": "%s", "email": "agent@example.com", "api_token": "revoked-token", "view_id": %d}}"""
                .formatted(Hub.tracker(world), ExternalSystems.ZENDESK.baseUrl(), view)).put("/api/connectors/" + connector).then().statusCode(200);
        ExternalSystems.ZENDESK.stubFor(put(urlEqualTo("/api/v2/tickets/" + ticket + ".json")).atPriority(9)
                .willReturn(aResponse().withStatus(401).withHeader("Content-Type", "application/json")
                        // no 401 was recorded in public; this is the error shape of the recorded 404 with Zendesk's words for a 401
                        .withBody("{\"error\": \"Couldn't authenticate you\"}")));

        Hub.comment(world, story, "First note");
        Hub.comment(world, story, "Second note");
        Hub.relay(world);

        await().atMost(Duration.ofSeconds(30)).until(() -> "error".equals(Hub.admin().get("/api/connectors/" + connector).jsonPath().getString("state")));
        Hub.admin().get("/api/connectors/" + connector).then().statusCode(200)
                .body("state_reason", equalTo("Zendesk answered the update of ticket " + ticket + " with HTTP 401: Couldn't authenticate you"))
                .body("write_back_paused", equalTo(true));
        Hub.admin().get("/api/connectors/" + connector + "/import-list").then().statusCode(409)
                .body("detail", startsWith("connector " + connector + " is in error: Zendesk answered"));
        // nothing dropped, nothing failed: both wait
        await().atMost(Duration.ofSeconds(30)).until(() -> Hub.deliveries(connector, "pending").size() == 2);
        int attempts = updates(ticket).size();
        assertThat(attempts).isEqualTo(1);

        Hub.admin().body("""
                {"type": "zendesk", "name": "Support", "tracker": %s,
                 "config": {"url": "%s", "email": "agent@example.com", "api_token": "zd-token", "view_id": %d}}"""
                .formatted(Hub.tracker(world), ExternalSystems.ZENDESK.baseUrl(), view)).put("/api/connectors/" + connector).then().statusCode(200)
                .body("state", equalTo("active")).body("write_back_paused", equalTo(false));

        await().atMost(Duration.ofSeconds(30)).until(() -> Hub.deliveries(connector, "delivered").size() == 2);
        List<LoggedRequest> updates = updates(ticket);
        assertThat(updates.subList(updates.size() - 2, updates.size())).extracting(u -> body(u).path("comment").path("body").asText())
                .satisfiesExactly(first -> assertThat(first).contains("First note"), second -> assertThat(second).contains("Second note"));
        assertThat(updates.get(updates.size() - 1).getHeader("Authorization"))
                .isEqualTo("Basic " + java.util.Base64.getEncoder().encodeToString("agent@example.com/token:zd-token".getBytes()));
    }
}
