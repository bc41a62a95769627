package io.trackerhub.timesheet;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import io.trackerhub.events.TrackerJson;
import io.trackerhub.events.activity.Activities;
import io.trackerhub.events.activity.Activity;
import io.trackerhub.events.kafka.Origin;
import io.trackerhub.events.kafka.SnapshotKind;
import io.trackerhub.events.kafka.TrackerRecord;
import io.trackerhub.testkit.Fixtures;
import io.trackerhub.testkit.KafkaBroker;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import static io.restassured.RestAssured.given;

/**
 * What the tests do as the rest of the hub: publish exactly what the poller (TrackerRecord.snapshot) and the
 * ingest service (TrackerRecord.activity) publish, built from recorded Tracker traffic; and call the API as people.
 */
public final class Hub {

    public static final String ADMIN_EMAIL = "admin@localhost";
    public static final String ADMIN_PASSWORD = "dev-timesheet-password-not-for-production";
    public static final String HUB_ADMIN_TOKEN = "dev-admin-token-not-for-production-0000";
    public static final String PASSWORD = "correct horse battery";

    private static final AtomicLong IDS = new AtomicLong(ThreadLocalRandom.current().nextLong(100_000_000L, 800_000_000L) * 10);
    private static KafkaProducer<String, byte[]> producer;

    private Hub() {
    }

    // ---- people -------------------------------------------------------------------------------------------------

    public static RequestSpecification admin() {
        return given().auth().preemptive().basic(ADMIN_EMAIL, ADMIN_PASSWORD).contentType(ContentType.JSON);
    }

    public static RequestSpecification as(Person person) {
        return given().auth().preemptive().basic(person.email(), PASSWORD).contentType(ContentType.JSON);
    }

    public record Person(long id, String email) {
    }

    /** A new user with role {@code user}, created by the admin. */
    public static Person user(String name) {
        String email = name.toLowerCase().replace(' ', '.') + "." + id() + "@example.com";
        long id = admin().body(Map.of("email", email, "name", name, "password", PASSWORD, "role", "user"))
                .post("/api/users").then().statusCode(201).extract().jsonPath().getLong("id");
        return new Person(id, email);
    }

    /** A fresh id no other test (nor an earlier run on a shared broker) uses. */
    public static long id() {
        return IDS.incrementAndGet();
    }

    // ---- Tracker, as the poller and the ingest service publish it -----------------------------------------------

    /** The recorded project 1027488 ("My Sample Project"), given another id and name. */
    public static ObjectNode project(long id, String name) {
        ObjectNode project = (ObjectNode) TrackerJson.readTree(responseBody("rest-v5/cassettes/get_project.json"));
        return project.put("id", id).put("name", name);
    }

    /** A recorded story (get_unscheduled_stories.json), given another id, project, name and state. */
    public static ObjectNode story(long id, long projectId, String name, String state) {
        JsonNode stories = TrackerJson.readTree(responseBody("rest-v5/cassettes/get_unscheduled_stories.json"));
        ObjectNode story = ((ObjectNode) stories.get(0)).deepCopy();
        story.put("id", id).put("project_id", projectId).put("name", name).put("current_state", state)
                .put("url", "https://www.pivotaltracker.com/story/show/" + id);
        story.remove("description");
        return story;
    }

    public static void publishProject(long integration, ObjectNode project, long version) {
        send(TrackerRecord.snapshot(SnapshotKind.PROJECT, project.get("id").asLong(), project.get("id").asLong(), project, version, Origin.POLL, integration));
    }

    public static void removeProject(long integration, long projectId, long version) {
        send(TrackerRecord.snapshot(SnapshotKind.PROJECT, projectId, projectId, null, version, Origin.POLL, integration));
    }

    public static TrackerRecord storyRecord(long integration, ObjectNode story, long version) {
        return TrackerRecord.snapshot(SnapshotKind.STORY, story.get("id").asLong(), story.get("project_id").asLong(), story, version, Origin.POLL, integration);
    }

    public static void publishStory(long integration, ObjectNode story, long version) {
        send(storyRecord(integration, story, version));
    }

    public static void deleteStory(long integration, long storyId, long projectId, long version) {
        send(TrackerRecord.snapshot(SnapshotKind.STORY, storyId, projectId, null, version, Origin.POLL, integration));
    }

    /**
     * A recorded web hook activity moved to {@code projectId} at {@code version}, about {@code storyId} instead of
     * the recorded story (every occurrence of the recorded ids is replaced).
     */
    public static Activity activity(String fixture, long recordedStoryId, long projectId, long storyId, long version) {
        String json = Fixtures.read(fixture);
        Activity recorded = Activities.parse(json.getBytes(StandardCharsets.UTF_8));
        String moved = json.replace(Long.toString(recordedStoryId), Long.toString(storyId))
                .replace(Long.toString(recorded.projectId()), Long.toString(projectId));
        ObjectNode tree = Activities.toTree(Activities.parse(moved.getBytes(StandardCharsets.UTF_8)));
        tree.put("project_version", version);
        tree.put("guid", projectId + "_" + version);
        return Activities.parseJson(tree.toString());
    }

    public static TrackerRecord activityRecord(long integration, Activity activity) {
        return TrackerRecord.activity(activity, Origin.WEBHOOK, integration);
    }

    public static void publish(long integration, Activity activity) {
        send(activityRecord(integration, activity));
    }

    public static synchronized void send(TrackerRecord record) {
        try {
            producer().send(record.toProducerRecord()).get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("could not publish " + record + ": " + e.getMessage(), e);
        }
    }

    /** Sends many records and waits for all acks (faster than one round trip each). */
    public static synchronized void sendAll(List<TrackerRecord> records) {
        try {
            List<java.util.concurrent.Future<?>> acks = new java.util.ArrayList<>();
            for (TrackerRecord record : records) {
                acks.add(producer().send(record.toProducerRecord()));
            }
            for (java.util.concurrent.Future<?> ack : acks) {
                ack.get(30, TimeUnit.SECONDS);
            }
        } catch (Exception e) {
            throw new IllegalStateException("could not publish: " + e.getMessage(), e);
        }
    }

    private static KafkaProducer<String, byte[]> producer() {
        if (producer == null) {
            Properties props = new Properties();
            props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, KafkaBroker.bootstrapServers());
            props.put(ProducerConfig.ACKS_CONFIG, "all");
            props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
            props.put(ProducerConfig.LINGER_MS_CONFIG, "1");
            producer = new KafkaProducer<>(props, new StringSerializer(), new ByteArraySerializer());
            Runtime.getRuntime().addShutdownHook(new Thread(() -> producer.close(Duration.ofSeconds(2))));
        }
        return producer;
    }

    private static byte[] responseBody(String cassette) {
        return TrackerJson.readTree(Fixtures.read(cassette)).get("http_interactions").get(0)
                .get("response").get("body").get("string").asText().getBytes(StandardCharsets.UTF_8);
    }

    // ---- reading the timesheet ----------------------------------------------------------------------------------

    /** The tasks the admin may track on that match {@code search}. */
    public static List<Map<String, Object>> tasks(String search) {
        return admin().queryParam("search", search).get("/api/tasks").then().statusCode(200).extract().jsonPath().getList("$");
    }

    /** The task of a Tracker story or project, archived or not (through GET /api/tasks/{id} after a search by id). */
    public static java.util.Optional<Map<String, Object>> taskOf(String kind, long trackerId) {
        return admin().queryParam("search", Long.toString(trackerId)).queryParam("limit", 500).get("/api/tasks").then().statusCode(200)
                .extract().jsonPath().<Map<String, Object>>getList("$").stream()
                .filter(t -> kind.equals(t.get("kind")) && ((Number) t.get("tracker_id")).longValue() == trackerId).findFirst();
    }
}
