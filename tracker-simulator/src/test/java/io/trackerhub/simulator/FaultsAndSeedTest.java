package io.trackerhub.simulator;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.trackerhub.events.TrackerJson;
import io.trackerhub.events.rest.Story;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static io.trackerhub.simulator.Sim.tracker;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;

@QuarkusTest
class FaultsAndSeedTest {

    @TestHTTPResource("/services/v5/projects/")
    URL stories;

    @AfterEach
    void clear() {
        Sim.clearFaults();
    }

    @Test
    void rateLimitAnswers429WithRetryAfterAndStatsCountIt() {
        String token = (String) Sim.seed(3, 1, 5).get("api_token");
        Sim.admin().body(Map.of("rate_limit_share", 1.0, "retry_after_s", 7)).put("/_sim/faults").then().statusCode(200);
        tracker(token).get("/me").then().statusCode(429).header("Retry-After", "7").body("kind", equalTo("error"));
        Sim.admin().get("/_sim/stats").then().statusCode(200).body("requests_by_status.429", notNullValue())
                .body("faults.rate_limit_share", equalTo(1.0f));
    }

    @Test
    void activityHistoryFaultCutsTheFeedToTheNewestActivities() {
        Map<String, Object> world = Sim.seed(5, 1, 5);
        String token = (String) world.get("api_token");
        long project = Sim.firstProject(world);
        long story = tracker(token).get("/projects/{id}/stories?limit=1", project).jsonPath().getLong("[0].id");
        for (int i = 0; i < 4; i++) {
            tracker(token).body(Map.of("name", "Renamed " + i)).put("/projects/{id}/stories/{sid}", project, story).then().statusCode(200);
        }
        Sim.admin().body(Map.of("activity_history", 2)).put("/_sim/faults").then().statusCode(200).body("activity_history", equalTo(2));
        List<Integer> versions = tracker(token).get("/projects/{id}/activity?since_version=1", project).then().statusCode(200)
                .extract().jsonPath().getList("project_version", Integer.class);
        assertThat(versions).containsExactly(5, 4);
        Sim.clearFaults();
        assertThat(tracker(token).get("/projects/{id}/activity?since_version=1", project).jsonPath().getList("project_version")).hasSize(4);
    }

    @Test
    void errorShareAnswers5xxAndRevokedTokensAre401() {
        String token = (String) Sim.seed(4, 1, 5).get("api_token");
        Sim.admin().body(Map.of("error_share", 1.0)).put("/_sim/faults").then().statusCode(200);
        tracker(token).get("/me").then().statusCode(500).body("kind", equalTo("error"));
        Sim.admin().body(Map.of("revoked_tokens", List.of(token))).put("/_sim/faults").then().statusCode(200)
                .body("revoked_tokens", equalTo(1));
        tracker(token).get("/me").then().statusCode(401).body("code", equalTo("invalid_authentication"));
        Sim.clearFaults();
        tracker(token).get("/me").then().statusCode(200).body("api_token", equalTo(token));
    }

    @Test
    void latencyDelaysEveryTrackerRequest() {
        String token = (String) Sim.seed(9, 1, 5).get("api_token");
        Sim.admin().body(Map.of("latency_ms", 300)).put("/_sim/faults").then().statusCode(200);
        long started = System.nanoTime();
        tracker(token).get("/me").then().statusCode(200);
        assertThat((System.nanoTime() - started) / 1_000_000).isGreaterThanOrEqualTo(300);
    }

    @Test
    void maxPageSizeCapsPages() {
        Map<String, Object> world = Sim.seed(5, 1, 120);
        Sim.admin().body(Map.of("max_page_size", 50)).put("/_sim/faults").then().statusCode(200);
        tracker((String) world.get("api_token")).get("/projects/{id}/stories?limit=100", Sim.firstProject(world)).then().statusCode(200)
                .header("X-Tracker-Pagination-Limit", "50").header("X-Tracker-Pagination-Returned", "50");
    }

    @Test
    void badControlInputIsProblemJsonAndTheControlApiNeedsTheAdminToken() {
        Sim.admin().body(Map.of("error_share", 2)).put("/_sim/faults").then().statusCode(400).contentType("application/problem+json");
        Sim.admin().body(Map.of("seed", 1, "projects", 0)).post("/_sim/seed").then().statusCode(400).contentType("application/problem+json");
        io.restassured.RestAssured.given().contentType("application/json").body("{}").post("/_sim/seed").then().statusCode(401);
    }

    @Test
    void theSameSeedGivesTheSameWorld() {
        Sim.admin().delete("/_sim/world").then().statusCode(204);
        Map<String, Object> first = Sim.seed(42, 2, 40);
        String firstStories = tracker((String) first.get("api_token")).get("/projects/{id}/stories?limit=500&fields=:default,owners",
                Sim.firstProject(first)).asString();
        Sim.admin().delete("/_sim/world").then().statusCode(204);
        Map<String, Object> second = Sim.seed(42, 2, 40);
        String secondStories = tracker((String) second.get("api_token")).get("/projects/{id}/stories?limit=500&fields=:default,owners",
                Sim.firstProject(second)).asString();
        assertThat(second).containsEntry("project_ids", first.get("project_ids")).containsEntry("person_id", first.get("person_id"));
        assertThat(second.get("api_token")).as("only the token is new").isNotEqualTo(first.get("api_token"));
        assertThat(secondStories).isEqualTo(firstStories);
        String token = (String) second.get("api_token");
        Response stories = tracker(token).get("/projects/{id}/stories?limit=500", Sim.firstProject(second));
        assertThat(stories.jsonPath().getList("story_type", String.class)).contains("feature", "bug", "chore");
        assertThat(stories.jsonPath().getList("current_state", String.class)).contains("accepted", "started", "unstarted");
        assertThat(stories.jsonPath().getList("id", Long.class)).as("positive, exact as JavaScript numbers")
                .allSatisfy(id -> assertThat(id).isPositive().isLessThan(1L << 53));
        tracker(token).get("/my/notifications").then().statusCode(200).body("size()", org.hamcrest.Matchers.greaterThan(0));
    }

    @Test
    void everySeedGetsItsOwnTokenEvenWithTheSameSeedNumber() {
        Map<String, Object> first = Sim.seed(777, 1, 5);
        Map<String, Object> second = Sim.seed(777, 1, 5);
        String firstToken = (String) first.get("api_token");
        String secondToken = (String) second.get("api_token");
        assertThat(secondToken).isNotEqualTo(firstToken).matches("[0-9a-f]{32}");
        tracker(firstToken).get("/projects/{id}/stories", Sim.firstProject(first)).then().statusCode(200);
        tracker(secondToken).get("/projects/{id}/stories", Sim.firstProject(second)).then().statusCode(200);
        assertThat(tracker(firstToken).get("/me").then().statusCode(200).body("api_token", equalTo(firstToken))
                .extract().jsonPath().getLong("id")).isEqualTo(((Number) first.get("person_id")).longValue());
        tracker(firstToken).get("/projects/{id}", Sim.firstProject(second)).then().statusCode(403);
        tracker(secondToken).get("/projects/{id}", Sim.firstProject(first)).then().statusCode(403);
    }

    @Test
    void fiftyThousandStoriesReadInFullPagesOf500() throws Exception {
        Map<String, Object> world = Sim.seed(50, 1, 50_000);
        String token = (String) world.get("api_token");
        long project = Sim.firstProject(world);
        // a plain keep-alive client, as a poller would read: RestAssured's own overhead would dominate the time printed
        HttpClient http = HttpClient.newHttpClient();
        Set<Long> ids = new HashSet<>();
        long started = System.nanoTime();
        for (int offset = 0; ; offset += 500) {
            HttpResponse<byte[]> page = http.send(HttpRequest.newBuilder(
                    URI.create(stories.toString() + project + "/stories?limit=500&offset=" + offset)).header("X-TrackerToken", token).build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            assertThat(page.statusCode()).isEqualTo(200);
            TrackerJson.readList(page.body(), Story.class).forEach(s -> ids.add(s.id()));
            if (Integer.parseInt(page.headers().firstValue("X-Tracker-Pagination-Returned").orElseThrow()) < 500) {
                break;
            }
        }
        System.out.printf("read and parsed 50000 stories in pages of 500 in %d ms%n", (System.nanoTime() - started) / 1_000_000);
        assertThat(ids).hasSize(50_000);
    }

    @Test
    void theGeneratorChangesTheWorld() throws InterruptedException {
        Map<String, Object> world = Sim.seed(6, 1, 20);
        long project = Sim.firstProject(world);
        String token = (String) world.get("api_token");
        long before = Long.parseLong(tracker(token).get("/projects/{id}", project).header("X-Tracker-Project-Version"));
        Sim.admin().body(Map.of("rate_per_s", 50, "duration_s", 5)).post("/_sim/generator").then().statusCode(200).body("running", equalTo(true));
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() ->
                Long.parseLong(tracker(token).get("/projects/{id}", project).header("X-Tracker-Project-Version")) > before + 3);
        Sim.admin().delete("/_sim/generator").then().statusCode(204);
        Sim.admin().get("/_sim/generator").then().body("running", equalTo(false));
    }
}
