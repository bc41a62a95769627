package io.trackerhub.poller;

import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import io.trackerhub.events.kafka.CloudEventHeaders;
import io.trackerhub.testkit.KafkaTestClient;
import io.trackerhub.testkit.TrackerSimulatorResource;
import org.awaitility.Awaitility;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;

/** What the tests do as users of the hub and of Tracker: the admin API, the simulator, the topics. */
public final class Hub {

    public static final String ADMIN = "Bearer dev-admin-token-not-for-production-0000";
    private static final KafkaTestClient KAFKA = new KafkaTestClient();

    private Hub() {
    }

    public static RequestSpecification admin() {
        return given().header("Authorization", ADMIN).contentType(ContentType.JSON);
    }

    /** Links {@code token} against the simulator; every sync after the first import is forced by the test. */
    public static long link(String token, List<Long> projectIds) {
        Map<String, Object> body = new HashMap<>();
        body.put("name", "test integration");
        body.put("api_token", token);
        body.put("sync_interval", "PT1H");
        if (projectIds != null) {
            body.put("project_ids", projectIds);
        }
        return admin().body(body).post("/api/integrations").then().statusCode(201).extract().jsonPath().getLong("id");
    }

    public static JsonPath integration(long id) {
        return admin().get("/api/integrations/" + id).then().statusCode(200).extract().jsonPath();
    }

    /** Waits until the integration's latest run is over and no sync is due; returns its view. */
    public static JsonPath awaitSettled(long id, Duration timeout) {
        JsonPath[] last = new JsonPath[1];
        Awaitility.await().atMost(timeout).pollInterval(Duration.ofMillis(200)).until(() -> {
            JsonPath view = integration(id);
            last[0] = view;
            return view.get("progress") != null && !view.getBoolean("progress.running") && !"importing".equals(view.getString("state"))
                    && (view.getString("next_sync_at") == null || java.time.Instant.parse(view.getString("next_sync_at")).isAfter(java.time.Instant.now()));
        });
        return last[0];
    }

    /** Forces a sync and waits for a run that started after it to finish. */
    public static JsonPath forceSync(long id) {
        String before = integration(id).getString("progress.started_at");
        admin().post("/api/integrations/" + id + "/sync").then().statusCode(202);
        JsonPath[] last = new JsonPath[1];
        Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100)).until(() -> {
            JsonPath view = integration(id);
            last[0] = view;
            return view.get("progress") != null && !view.getString("progress.started_at").equals(before) && !view.getBoolean("progress.running");
        });
        return last[0];
    }

    /** Every record on {@code topic} published for integration {@code id}. */
    public static List<KafkaTestClient.Received> records(String topic, long id) {
        return KAFKA.consumeAll(topic, Duration.ofSeconds(20)).stream()
                .filter(r -> String.valueOf(id).equals(r.header(CloudEventHeaders.HUB_INTEGRATION))).toList();
    }

    public static KafkaTestClient kafka() {
        return KAFKA;
    }

    // --- the simulator -------------------------------------------------------------------------------------------

    public static RequestSpecification sim() {
        return RestAssured.given().baseUri(TrackerSimulatorResource.url()).header("Authorization", "Bearer " + TrackerSimulatorResource.adminToken())
                .contentType(ContentType.JSON);
    }

    public static RequestSpecification tracker(String token) {
        return RestAssured.given().baseUri(TrackerSimulatorResource.url() + "/services/v5").header("X-TrackerToken", token)
                .contentType(ContentType.JSON);
    }

    public static void faults(Map<String, Object> faults) {
        sim().body(faults).put("/_sim/faults").then().statusCode(200);
    }

    public static void clearFaults() {
        faults(Map.of());
    }

    @SuppressWarnings("unchecked")
    public static List<Long> projectIds(Map<String, Object> world) {
        return ((List<Number>) world.get("project_ids")).stream().map(Number::longValue).toList();
    }

    public static List<Long> storyIds(String token, long project) {
        List<Long> ids = new java.util.ArrayList<>();
        for (int offset = 0; ; offset += 500) {
            List<Long> page = tracker(token).get("/projects/{p}/stories?fields=id&limit=500&offset=" + offset, project)
                    .then().statusCode(200).extract().jsonPath().getList("id", Long.class);
            ids.addAll(page);
            if (page.size() < 500) {
                return ids;
            }
        }
    }

    public static long projectVersion(String token, long project) {
        return Long.parseLong(tracker(token).get("/projects/{p}", project).then().statusCode(200).extract().header("X-Tracker-Project-Version"));
    }
}
