package io.trackerhub.connector.systems;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.trackerhub.connector.ExternalSystems;
import io.trackerhub.connector.Hub;
import io.trackerhub.connector.Recorded;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.trackerhub.events.activity.Activity;
import io.trackerhub.testkit.KafkaBroker;
import io.trackerhub.testkit.PostgresDatabase;
import io.trackerhub.testkit.TrackerSimulatorResource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

/** A Jira connector end to end: filter → import list → story in Tracker; comments and states → Jira calls. */
@QuarkusTest
@WithTestResource(KafkaBroker.class)
@WithTestResource(PostgresDatabase.class)
@WithTestResource(TrackerSimulatorResource.class)
@WithTestResource(ExternalSystems.class)
class JiraTest {

    static final AtomicInteger FILTERS = new AtomicInteger((int) (System.nanoTime() % 100_000) + 10_000);
    /** The Jira Data Center of these tests lives under a context path, as many do; Cloud tests use their own. */
    static final String DC = "/dc";
    static final String TRANSITIONS = Recorded.text("jira", "transitions-server-classic-trimmed.json");
    static Hub.World world;

    @BeforeAll
    static void seed() {
        world = Hub.world();
        ExternalSystems.JIRA.stubFor(get(urlEqualTo(DC + "/rest/api/2/serverInfo")).willReturn(okJson(Recorded.text("jira", "serverinfo-server.json"))));
    }

    /** The first issue of a recorded Data Center search, with this test's key, summary and type. */
    static String issue(String key, String summary, String type) {
        ObjectNode issue = (ObjectNode) Recorded.json("jira", "search-v2.json").path("issues").get(0);
        issue.put("key", key).put("id", "1" + key.replaceAll("\\D", "")).put("self", ExternalSystems.JIRA.baseUrl() + DC + "/rest/api/2/issue/" + key);
        ((ObjectNode) issue.path("fields")).put("summary", summary);
        ((ObjectNode) issue.path("fields").path("issuetype")).put("name", type);
        return issue.toString();
    }

    /** A filter holding the given issues, each also readable on its own, with the classic workflow's transitions. */
    static long connector(String... keys) {
        int filter = FILTERS.incrementAndGet();
        ObjectNode search = Recorded.json("jira", "search-v2.json");
        ArrayNode issues = search.putArray("issues");
        for (String key : keys) {
            String json = issue(key, "Checkout fails for " + key, key.endsWith("1") ? "Bug" : "Story");
            issues.add(io.trackerhub.events.TrackerJson.readTree(json));
            ExternalSystems.JIRA.stubFor(get(urlPathEqualTo(DC + "/rest/api/2/issue/" + key)).willReturn(okJson(json)));
            ExternalSystems.JIRA.stubFor(get(urlEqualTo(DC + "/rest/api/2/issue/" + key + "/transitions")).willReturn(okJson(TRANSITIONS)));
            ExternalSystems.JIRA.stubFor(post(urlEqualTo(DC + "/rest/api/2/issue/" + key + "/transitions")).willReturn(aResponse().withStatus(204)));
            ObjectNode comment = Recorded.json("jira", "comment-created.json").put("id", String.valueOf(10_000 + Math.abs(key.hashCode() % 1000)));
            ExternalSystems.JIRA.stubFor(post(urlEqualTo(DC + "/rest/api/2/issue/" + key + "/comment"))
                    .willReturn(aResponse().withStatus(201).withHeader("Content-Type", "application/json").withBody(comment.toString())));
        }
        search.put("total", keys.length).put("maxResults", 25);
        ExternalSystems.JIRA.stubFor(get(urlPathEqualTo(DC + "/rest/api/2/search")).withQueryParam("jql", WireMock.equalTo("filter=" + filter))
                .withBasicAuth("hub@example.com", "jira-token")
                .willReturn(okJson(search.toString())));
        return Hub.connector("""
                {"type": "jira", "name": "Jira %d", "tracker": %s,
                 "config": {"base_url": "%s", "username": "hub@example.com", "api_token": "jira-token", "filter_id": %d}}"""
                .formatted(filter, Hub.tracker(world), ExternalSystems.JIRA.baseUrl() + DC, filter));
    }

    static List<LoggedRequest> posts(String key, String what) {
        return ExternalSystems.JIRA.findAll(postRequestedFor(urlEqualTo(DC + "/rest/api/2/issue/" + key + "/" + what)));
    }

    static List<String> transitions(String key) {
        return posts(key, "transitions").stream().map(r -> io.trackerhub.events.TrackerJson.readTree(r.getBodyAsString())
                .path("transition").path("id").asText()).toList();
    }

    static String unique(String prefix) {
        return prefix + "-" + FILTERS.incrementAndGet();
    }

    @Test
    void importListShowsTheFiltersIssuesUntilTheyAreImportedAndImportingTwiceGivesTheSameStory() {
        String first = unique("SHOP") + "1";
        String second = unique("SHOP") + "2";
        long connector = connector(first, second);

        Hub.admin().get("/api/connectors/" + connector + "/import-list").then().statusCode(200)
                .body("items.id", org.hamcrest.Matchers.contains(first, second))
                .body("items[0].title", equalTo("Checkout fails for " + first))
                .body("items[0].type", equalTo("Bug"))
                .body("items[0].requester", equalTo("Ada Lovelace"))
                .body("items[0].created", equalTo("2026-08-11T16:37:32.000+0000"))
                .body("items[0].url", equalTo(ExternalSystems.JIRA.baseUrl() + DC + "/browse/" + first))
                .body("next_page", org.hamcrest.Matchers.nullValue());

        long story = Hub.importItem(connector, first, "backlog");

        JsonNode created = Hub.story(world, story);
        assertThat(created.path("external_id").asText()).isEqualTo(first);
        assertThat(created.path("integration_id").asLong()).isEqualTo(connector);
        assertThat(created.path("name").asText()).isEqualTo("Checkout fails for " + first);
        assertThat(created.path("story_type").asText()).isEqualTo("bug");
        assertThat(created.path("current_state").asText()).isEqualTo("unstarted");
        assertThat(created.path("description").asText()).contains(ExternalSystems.JIRA.baseUrl() + DC + "/browse/" + first);

        Hub.admin().get("/api/connectors/" + connector + "/import-list").then().statusCode(200)
                .body("items.id", org.hamcrest.Matchers.contains(second));
        assertThat(Hub.admin().body(Map.of("external_id", first)).post("/api/connectors/" + connector + "/import").then().statusCode(200)
                .extract().jsonPath().getLong("story_id")).isEqualTo(story);
        Hub.admin().get("/api/links?story_id=" + story).then().statusCode(200)
                .body("external_id", org.hamcrest.Matchers.contains(first))
                .body("[0].external_url", equalTo(ExternalSystems.JIRA.baseUrl() + DC + "/browse/" + first));
        assertThat(Hub.admin().get("/api/links?external_id=" + first).then().statusCode(200).extract().jsonPath()
                .getList("story_id", Long.class)).containsExactly(story);
    }

    @Test
    void theImportListIsPagedAsTheFilterIs() {
        int filter = FILTERS.incrementAndGet();
        String key = unique("PG") + "1";
        ObjectNode search = Recorded.json("jira", "search-v2.json").put("startAt", 1).put("maxResults", 1).put("total", 3);
        search.putArray("issues").add(io.trackerhub.events.TrackerJson.readTree(issue(key, "Second of three", "Task")));
        ExternalSystems.JIRA.stubFor(get(urlPathEqualTo(DC + "/rest/api/2/search")).withQueryParam("jql", WireMock.equalTo("filter=" + filter))
                .withQueryParam("startAt", WireMock.equalTo("1")).withQueryParam("maxResults", WireMock.equalTo("1"))
                .willReturn(okJson(search.toString())));
        long connector = Hub.connector("""
                {"type": "jira", "name": "Paged", "tracker": %s,
                 "config": {"base_url": "%s", "username": "hub@example.com", "api_token": "jira-token", "filter_id": %d}}"""
                .formatted(Hub.tracker(world), ExternalSystems.JIRA.baseUrl() + DC, filter));

        Hub.admin().get("/api/connectors/" + connector + "/import-list?page=2&per_page=1").then().statusCode(200)
                .body("items.id", org.hamcrest.Matchers.contains(key)).body("page", equalTo(2)).body("next_page", equalTo(3));
        Hub.admin().get("/api/connectors/" + connector + "/import-list?per_page=500").then().statusCode(400)
                .body("errors[0].field", equalTo("per_page"));
    }

    @Test
    void aRecordThatIsNotAnActivityIsDeadLetteredAndTheActivityBehindItIsStillWrittenBack() {
        String key = unique("DLQ") + "2";
        long connector = connector(key);
        long story = Hub.importItem(connector, key, "backlog");

        Hub.publishRaw(String.valueOf(world.projectId()), "{\"kind\": \"story_update_activity\", \"oops\": " + story + "}");
        Hub.state(world, story, "started");
        Hub.relay(world);

        await().atMost(Duration.ofSeconds(30)).until(() -> transitions(key).equals(List.of("4")));
        await().atMost(Duration.ofSeconds(30)).until(() -> Hub.kafka().consumeAll(io.trackerhub.events.kafka.Topics.DEADLETTER, Duration.ofSeconds(10))
                .stream().anyMatch(r -> r.value().contains("\"oops\": " + story)));
        var dead = Hub.kafka().consumeAll(io.trackerhub.events.kafka.Topics.DEADLETTER, Duration.ofSeconds(10)).stream()
                .filter(r -> r.value().contains("\"oops\": " + story)).findFirst().orElseThrow();
        assertThat(dead.key()).isEqualTo(String.valueOf(world.projectId()));
        assertThat(dead.header("hub-error")).isNotBlank();
        assertThat(dead.header("hub-source-topic")).isEqualTo(io.trackerhub.events.kafka.Topics.ACTIVITY);
    }

    @Test
    void commentsBecomeJiraCommentsAndStatesRunTheirTransitionsInOrder() {
        String key = unique("CORE") + "7";
        long connector = connector(key);
        long story = Hub.importItem(connector, key, "icebox");

        Hub.state(world, story, "started");
        Hub.comment(world, story, "Reproduced on staging");
        // finished, delivered, rejected, restarted, finished, delivered, accepted
        Hub.states(world, story, "finished", "delivered", "rejected", "started", "finished", "delivered", "accepted");
        List<Activity> relayed = Hub.relay(world);

        // started, rejected, restarted, accepted: finished and delivered leave the issue in progress. The recorded
        // workflow has no "Reopen Issue": rejected takes the transition into In Progress (category indeterminate)
        await().atMost(Duration.ofSeconds(30)).until(() -> transitions(key).size() >= 4);
        assertThat(transitions(key)).containsExactly("4", "4", "4", "5");
        List<LoggedRequest> comments = posts(key, "comment");
        // the connector's own "Linked to Jira …" note came back as activity and was not echoed
        assertThat(comments).hasSize(1);
        assertThat(comments.get(0).getBodyAsString()).contains("Reproduced on staging").contains("story/show/" + story);
        assertThat(comments.get(0).getHeader("Authorization")).startsWith("Basic ");
        // the comment was sent after the transition queued before it, and before the ones after it
        List<LoggedRequest> calls = ExternalSystems.JIRA.findAll(postRequestedFor(WireMock.urlMatching(DC + "/rest/api/2/issue/" + key + "/.*")));
        assertThat(calls).extracting(r -> r.getUrl().substring(r.getUrl().lastIndexOf('/') + 1))
                .containsExactly("transitions", "comment", "transitions", "transitions", "transitions");

        // the same activity consumed again changes nothing
        relayed.forEach(Hub::publish);
        Hub.comment(world, story, "After the replay");
        List<Activity> after = Hub.relay(world);
        await().atMost(Duration.ofSeconds(30)).until(() -> Hub.deliveries(connector, "delivered").size() >= 6);
        Hub.awaitConsumed(after.get(after.size() - 1).guid());
        assertThat(Hub.deliveries(connector, null)).hasSize(6);
        assertThat(posts(key, "comment")).hasSize(2);
        assertThat(transitions(key)).hasSize(4);
    }

    @Test
    void aMissingTransitionIsReportedOnTheLink() {
        String key = unique("OPS") + "3";
        long connector = connector(key);
        // a recorded Cloud workflow whose transitions lead only to statuses of category To Do
        ExternalSystems.JIRA.stubFor(get(urlEqualTo(DC + "/rest/api/2/issue/" + key + "/transitions"))
                .willReturn(okJson(Recorded.text("jira", "transitions-cloud.json"))));
        long story = Hub.importItem(connector, key, "backlog");

        Hub.state(world, story, "started");
        Hub.relay(world);

        await().atMost(Duration.ofSeconds(30)).until(() -> !Hub.deliveries(connector, "delivered").isEmpty());
        Hub.admin().get("/api/links?story_id=" + story).then().statusCode(200)
                .body("[0].problem", equalTo("Jira issue " + key + " has no transition \"Start Progress\" or to a status of category "
                        + "In Progress (indeterminate) now (story started); available: Backlog (to Backlog), In Development (to Selected for Development)"));
        assertThat(posts(key, "transitions")).isEmpty();
    }

    @Test
    void aFailingJiraIsRetriedThenFailedAndRetriedByHand() {
        String key = unique("PAY") + "5";
        long connector = connector(key);
        long story = Hub.importItem(connector, key, "backlog");
        ExternalSystems.JIRA.stubFor(post(urlEqualTo(DC + "/rest/api/2/issue/" + key + "/comment"))
                .willReturn(aResponse().withStatus(503).withBody("{\"errorMessages\": [\"Jira is under maintenance\"]}")));

        Hub.comment(world, story, "Please look at this");
        Hub.relay(world);

        await().atMost(Duration.ofSeconds(30)).until(() -> Hub.deliveries(connector, "failed").size() == 1);
        Map<String, Object> failed = Hub.deliveries(connector, "failed").get(0);
        assertThat(failed).containsEntry("attempts", 4).containsEntry("last_status", 503).containsEntry("action", "comment")
                .containsEntry("external_id", key);
        assertThat((String) failed.get("last_error")).contains("Jira is under maintenance");
        assertThat(posts(key, "comment")).hasSize(4);

        ExternalSystems.JIRA.stubFor(post(urlEqualTo(DC + "/rest/api/2/issue/" + key + "/comment"))
                .willReturn(aResponse().withStatus(201).withHeader("Content-Type", "application/json").withBody("{\"id\": \"777\"}")));
        Hub.admin().post("/api/deliveries/" + failed.get("id") + "/retry").then().statusCode(200).body("state", org.hamcrest.Matchers.oneOf("pending", "sending", "delivered"));
        await().atMost(Duration.ofSeconds(30)).until(() -> Hub.deliveries(connector, "delivered").size() == 1);
        assertThat(posts(key, "comment")).hasSize(5);
        Hub.admin().post("/api/deliveries/" + failed.get("id") + "/retry").then().statusCode(409)
                .contentType("application/problem+json").body("detail", containsString("only a failed delivery can be retried"));
    }

    @Test
    void aCommentWaitsForTheStateChangeBeforeItWhileThatIsRetried() {
        String key = unique("ORD") + "9";
        long connector = connector(key);
        long story = Hub.importItem(connector, key, "backlog");
        ExternalSystems.JIRA.stubFor(post(urlEqualTo(DC + "/rest/api/2/issue/" + key + "/transitions")).inScenario(key)
                .whenScenarioStateIs(com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED)
                .willReturn(aResponse().withStatus(500)).willSetStateTo("up"));
        ExternalSystems.JIRA.stubFor(post(urlEqualTo(DC + "/rest/api/2/issue/" + key + "/transitions")).inScenario(key)
                .whenScenarioStateIs("up").willReturn(aResponse().withStatus(204)));

        Hub.state(world, story, "started");
        Hub.comment(world, story, "Working on it");
        Hub.relay(world);

        await().atMost(Duration.ofSeconds(30)).until(() -> posts(key, "comment").size() == 1);
        List<LoggedRequest> calls = ExternalSystems.JIRA.findAll(postRequestedFor(WireMock.urlMatching(DC + "/rest/api/2/issue/" + key + "/.*")));
        assertThat(calls).extracting(r -> r.getUrl().substring(r.getUrl().lastIndexOf('/') + 1))
                .containsExactly("transitions", "transitions", "comment");
    }

    @Test
    void anUnreadableJiraAnswerIsAClearFailureAndNothingIsLost() {
        String key = unique("WEB") + "4";
        long connector = connector(key);
        long story = Hub.importItem(connector, key, "backlog");
        ExternalSystems.JIRA.stubFor(get(urlEqualTo(DC + "/rest/api/2/issue/" + key + "/transitions"))
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "text/html").withBody("<html>Gateway login</html>")));

        Hub.state(world, story, "started");
        Hub.relay(world);

        await().atMost(Duration.ofSeconds(30)).until(() -> Hub.deliveries(connector, "failed").size() == 1);
        assertThat((String) Hub.deliveries(connector, "failed").get(0).get("last_error"))
                .startsWith("gave up after 4 attempts: Jira answered the transitions of " + key + " with something unreadable: not JSON");

        ObjectNode withoutIssues = Recorded.json("jira", "search-v2.json");
        withoutIssues.remove("issues");
        ExternalSystems.JIRA.stubFor(get(urlPathEqualTo(DC + "/rest/api/2/search")).withQueryParam("jql", WireMock.equalTo("filter=424242"))
                .willReturn(okJson(withoutIssues.toString())));
        long broken = Hub.connector("""
                {"type": "jira", "name": "Broken filter", "tracker": %s,
                 "config": {"base_url": "%s", "username": "hub@example.com", "api_token": "jira-token", "filter_id": 424242}}"""
                .formatted(Hub.tracker(world), ExternalSystems.JIRA.baseUrl() + DC));
        Hub.admin().get("/api/connectors/" + broken + "/import-list").then().statusCode(502).contentType("application/problem+json")
                .body("detail", equalTo("Jira answered the search of filter 424242 with something unreadable: JSON without \"issues\""));

        ExternalSystems.JIRA.stubFor(get(urlEqualTo(DC + "/rest/api/2/issue/" + key + "/transitions")).willReturn(okJson(TRANSITIONS)));
        Hub.admin().post("/api/deliveries/" + Hub.deliveries(connector, "failed").get(0).get("id") + "/retry").then().statusCode(200);
        await().atMost(Duration.ofSeconds(30)).until(() -> transitions(key).equals(List.of("4")));
    }
}
