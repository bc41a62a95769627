package io.trackerhub.connector;

import com.fasterxml.jackson.databind.JsonNode;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import io.trackerhub.events.TrackerJson;
import io.trackerhub.events.activity.Activities;
import io.trackerhub.events.activity.Activity;
import io.trackerhub.events.kafka.Origin;
import io.trackerhub.events.kafka.Topics;
import io.trackerhub.events.kafka.TrackerRecord;
import io.trackerhub.events.rest.TrackerHttp;
import io.trackerhub.testkit.KafkaTestClient;
import io.trackerhub.testkit.TrackerSimulatorResource;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import static io.restassured.RestAssured.given;

/**
 * What the tests do as users of the hub: call the admin API; act in Tracker (the simulator) as a person would; and
 * relay the simulator's activity feed to {@code tracker.activity} as the ingest and poller services do.
 */
public final class Hub {

    public static final String ADMIN = "Bearer dev-admin-token-not-for-production-0000";
    private static final KafkaTestClient KAFKA = new KafkaTestClient();
    private static final AtomicLong SEEDS = new AtomicLong(System.nanoTime() % 1_000_000);
    private static final Map<Long, Long> RELAYED = new ConcurrentHashMap<>();

    private Hub() {
    }

    /** A Tracker world of its own: the token of its person and one project with a few stories. */
    public record World(String token, long projectId) {
    }

    public static World world() {
        Map<String, Object> seeded = TrackerSimulatorResource.seed(SEEDS.incrementAndGet(), 1, 3);
        @SuppressWarnings("unchecked")
        List<Number> projects = (List<Number>) seeded.get("project_ids");
        return new World((String) seeded.get("api_token"), projects.get(0).longValue());
    }

    public static RequestSpecification admin() {
        return given().header("Authorization", ADMIN).contentType(ContentType.JSON);
    }

    public static long connector(String json) {
        return admin().body(json).post("/api/connectors").then().statusCode(201).extract().jsonPath().getLong("id");
    }

    /** The tracker part of a connector's body, against the simulator. */
    public static String tracker(World world) {
        return "{\"api_token\": \"%s\", \"project_id\": %d}".formatted(world.token(), world.projectId());
    }

    /** Imports an external item; returns the story id. */
    public static long importItem(long connector, String externalId, String position) {
        return admin().body(Map.of("external_id", externalId, "position", position)).post("/api/connectors/" + connector + "/import")
                .then().statusCode(201).extract().jsonPath().getLong("story_id");
    }

    public static List<Map<String, Object>> deliveries(long connector, String state) {
        return admin().get("/api/connectors/" + connector + "/deliveries" + (state == null ? "" : "?state=" + state))
                .then().statusCode(200).extract().jsonPath().getList("$");
    }

    // ---- Tracker, as a person -------------------------------------------------------------------------------

    private static RequestSpecification tracker(String token) {
        return given().baseUri(TrackerSimulatorResource.url()).basePath("/services/v5").header(TrackerHttp.TOKEN, token)
                .contentType(ContentType.JSON);
    }

    public static JsonNode story(World world, long storyId) {
        return TrackerJson.readTree(tracker(world.token()).get("/projects/" + world.projectId() + "/stories/" + storyId)
                .then().statusCode(200).extract().asString());
    }

    /** A story made in Tracker by a person (not through a connector); returns its id. */
    public static long newStory(World world, String name) {
        return tracker(world.token()).body(Map.of("name", name)).post("/projects/" + world.projectId() + "/stories")
                .then().statusCode(200).extract().jsonPath().getLong("id");
    }

    public static long comment(World world, long storyId, String text) {
        return tracker(world.token()).body(Map.of("text", text)).post("/projects/" + world.projectId() + "/stories/" + storyId + "/comments")
                .then().statusCode(200).extract().jsonPath().getLong("id");
    }

    public static void state(World world, long storyId, String state) {
        tracker(world.token()).body(Map.of("current_state", state)).put("/projects/" + world.projectId() + "/stories/" + storyId)
                .then().statusCode(200);
    }

    /** A story taken through states one after the other, as a team moves it. */
    public static void states(World world, long storyId, String... states) {
        for (String state : states) {
            state(world, storyId, state);
        }
    }

    /**
     * Activity of the project after the last relayed version, oldest first, as the hub's ingest would publish it. The
     * feed is newest first (as Tracker's), so it is sorted here by version.
     */
    public static List<Activity> newActivity(World world) {
        long since = RELAYED.getOrDefault(world.projectId(), 1L);
        String body = tracker(world.token()).queryParam("since_version", since).queryParam("limit", 500)
                .get("/projects/" + world.projectId() + "/activity").then().statusCode(200).extract().asString();
        List<Activity> activities = new ArrayList<>();
        for (JsonNode node : TrackerJson.readTree(body)) {
            activities.add(Activities.parseJson(node.toString()));
        }
        activities.sort(Comparator.comparingLong(Activity::projectVersion));
        activities.forEach(activity -> RELAYED.merge(world.projectId(), activity.projectVersion(), Math::max));
        return activities;
    }

    /** Publishes the project's new activity to tracker.activity; returns what was published. */
    public static List<Activity> relay(World world) {
        List<Activity> activities = newActivity(world);
        activities.forEach(Hub::publish);
        return activities;
    }

    /** Waits until the connector's consumer has applied the activity (its id is in the inbox, with its effects). */
    public static void awaitConsumed(String ceId) {
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(30)).until(() -> {
            try (java.sql.Connection c = io.trackerhub.testkit.PostgresDatabase.database().connect();
                 java.sql.PreparedStatement s = c.prepareStatement("select 1 from connector.kit_inbox where ce_id = ?")) {
                s.setString(1, ceId);
                try (java.sql.ResultSet rs = s.executeQuery()) {
                    return rs.next();
                }
            }
        });
    }

    /** A record on tracker.activity as some producer might write it, activity or not. */
    public static void publishRaw(String key, String value) {
        KAFKA.produce(Topics.ACTIVITY, key, value, Map.of());
    }

    public static KafkaTestClient kafka() {
        return KAFKA;
    }

    public static void publish(Activity activity) {
        TrackerRecord record = TrackerRecord.activity(activity, Origin.POLL, 1L);
        KAFKA.produce(Topics.ACTIVITY, record.key(), new String(record.value(), StandardCharsets.UTF_8), record.headers());
    }
}
