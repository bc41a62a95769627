package io.trackerhub.poller.integrations;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.trackerhub.events.kafka.Topics;
import io.trackerhub.kit.webhooks.WebhookSignature;
import io.trackerhub.poller.Hub;
import io.trackerhub.testkit.KafkaBroker;
import io.trackerhub.testkit.KafkaTestClient.Received;
import io.trackerhub.testkit.PostgresDatabase;
import io.trackerhub.testkit.TrackerSimulatorResource;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

@QuarkusTest
@WithTestResource(KafkaBroker.class)
@WithTestResource(PostgresDatabase.class)
@WithTestResource(TrackerSimulatorResource.class)
class IntegrationApiTest {

    @Inject
    Integrations integrations;

    @Test
    void onlyTheAdminTokenOpensTheApi() {
        given().get("/api/integrations").then().statusCode(401);
        given().header("Authorization", "Bearer not-the-admin-token-0000000000000000").get("/api/integrations").then().statusCode(401);
        given().header("Authorization", "Bearer not-the-admin-token-0000000000000000").contentType("application/json")
                .body("{}").post("/api/integrations").then().statusCode(401);
    }

    @Test
    void badInputIsAProblemNamingWhatIsWrong() {
        String token = (String) TrackerSimulatorResource.seed(901, 1, 3).get("api_token");
        Hub.admin().body(Map.of("name", "x", "api_token", token, "sync_interval", "PT1")).post("/api/integrations").then().statusCode(400)
                .contentType("application/problem+json").body("detail", containsString("sync_interval: 'PT1' is not an ISO-8601 duration, e.g. PT1H"));
        Hub.admin().body(Map.of("name", "x")).post("/api/integrations").then().statusCode(400)
                .contentType("application/problem+json").body("detail", containsString("api_token"));
        Hub.admin().body(Map.of("name", "x", "api_token", token, "base_url", "ftp://tracker")).post("/api/integrations").then().statusCode(400)
                .body("detail", containsString("base_url"));
        Hub.admin().body("{\"name\": ").post("/api/integrations").then().statusCode(400).contentType("application/problem+json");
        Hub.admin().get("/api/integrations/987654").then().statusCode(404).contentType("application/problem+json");
    }

    @Test
    void aTokenTrackerRejectsIsRefusedWithTrackersOwnErrorAndNothingIsStored() {
        int before = integrations.list().size();
        Hub.admin().body(Map.of("name", "wrong", "api_token", "0123456789abcdef0123456789abcdef")).post("/api/integrations").then()
                .statusCode(422).contentType("application/problem+json").body("detail", containsString("invalid_authentication"));
        assertThat(integrations.list()).hasSize(before);
    }

    @Test
    void linkingAnswersTheIntegrationWithItsSignedWebhookUrlAndNeverTheToken() {
        Map<String, Object> world = TrackerSimulatorResource.seed(902, 1, 5);
        String token = (String) world.get("api_token");
        JsonPath created = Hub.admin().body(Map.of("name", "Acme Tracker", "api_token", token)).post("/api/integrations").then()
                .statusCode(201).header("Location", containsString("/api/integrations/")).extract().jsonPath();
        long id = created.getLong("id");
        assertThat(id).isPositive();
        assertThat(created.getString("webhook_url")).isEqualTo("http://localhost:8081/webhooks/tracker/" + id + "/"
                + new WebhookSignature("dev-webhook-key-not-for-production-00000").sign(id));
        assertThat(created.getString("sync_interval")).isEqualTo("PT1H");
        assertThat(created.getList("project_ids")).isEmpty();
        assertThat(created.getString("base_url")).endsWith("/services/v5");
        assertThat(created.getString("state")).isIn("importing", "ok");
        assertThat(created.prettify()).doesNotContain(token).doesNotContain("api_token");
        assertThat(integrations.find(id).orElseThrow().tokenSealed).startsWith("v1.").doesNotContain(token);
        Hub.admin().get("/api/integrations").then().statusCode(200).body("find { it.id == " + id + " }.name", equalTo("Acme Tracker"));
    }

    @Test
    void unlinkingStopsPollingErasesTheTokenAndPublishesTombstonesForItsProjectsAndStories() {
        Map<String, Object> world = TrackerSimulatorResource.seed(903, 2, 5);
        String token = (String) world.get("api_token");
        List<Long> projects = Hub.projectIds(world);
        long id = Hub.link(token, null);
        Hub.awaitSettled(id, Duration.ofSeconds(60));

        Hub.admin().delete("/api/integrations/" + id).then().statusCode(204);

        JsonPath view = Hub.integration(id);
        assertThat(view.getString("state")).isEqualTo("disabled");
        assertThat(view.getList("projects")).isEmpty();
        assertThat(integrations.find(id).orElseThrow().tokenSealed).isNull();
        List<Received> tombstones = Hub.records(Topics.PROJECTS, id).stream().filter(r -> r.value() == null).toList();
        assertThat(tombstones).extracting(Received::key).containsExactlyInAnyOrderElementsOf(projects.stream().map(String::valueOf).toList());
        List<String> storyTombstones = Hub.records(Topics.STORIES, id).stream().filter(r -> r.value() == null).map(Received::key).toList();
        List<String> everyStory = projects.stream().flatMap(p -> Hub.storyIds(token, p).stream()).map(String::valueOf).toList();
        assertThat(storyTombstones).containsExactlyInAnyOrderElementsOf(everyStory);
        Hub.admin().post("/api/integrations/" + id + "/sync").then().statusCode(409).body("detail", startsWith("integration " + id + " is unlinked"));
    }
}
