package io.trackerhub.connector;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.restassured.specification.RequestSpecification;
import io.trackerhub.events.TrackerJson;
import io.trackerhub.events.activity.Activities;
import io.trackerhub.events.activity.Activity;
import io.trackerhub.events.kafka.Origin;
import io.trackerhub.events.kafka.SnapshotKind;
import io.trackerhub.events.kafka.TrackerRecord;
import io.trackerhub.events.rest.Notification;
import io.trackerhub.testkit.Fixtures;
import io.trackerhub.testkit.PostgresDatabase;
import org.awaitility.Awaitility;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

import static io.restassured.RestAssured.given;

/**
 * What the poller and the ingest publish, as they publish it (tracker-events' TrackerRecord factories), built from
 * real recorded Tracker payloads (fixtures/tracker) with the ids a test needs; and waiting until the read model has
 * applied a record (its ce_id is in the inbox of the read-model consumer).
 */
public final class TrackerFeed {

    public static final long INTEGRATION = 7;
    private static final AtomicLong IDS = new AtomicLong(900_000_000L + (System.nanoTime() % 1_000_000) * 1000);

    private TrackerFeed() {
    }

    /** A fresh id for a project, story, epic or notification that no other test uses. */
    public static long id() {
        return IDS.incrementAndGet();
    }

    /** A real story (GET /projects/1027488/stories/66728004: a started bug with two labels and owners) as another story. */
    public static ObjectNode story(long id, long projectId, Consumer<ObjectNode> edit) {
        ObjectNode story = (ObjectNode) cassetteBody("rest-v5/cassettes/get_story.json", "/stories/66728004");
        story.put("id", id).put("project_id", projectId).put("url", "https://www.pivotaltracker.com/story/show/" + id);
        edit.accept(story);
        return story;
    }

    /** A real project (GET /projects/1027488) as another project. */
    public static ObjectNode project(long id, Consumer<ObjectNode> edit) {
        ObjectNode project = (ObjectNode) cassetteBody("rest-v5/cassettes/get_project.json", "/projects/1027488");
        project.put("id", id);
        edit.accept(project);
        return project;
    }

    /** A real epic (the first of GET /projects/1027488/epics, "Admin Users" on label "admin") as another epic. */
    public static ObjectNode epic(long id, long projectId, Consumer<ObjectNode> edit) {
        ObjectNode epic = (ObjectNode) cassetteBody("rest-v5/cassettes/get_epics.json", "/epics").get(0);
        epic.put("id", id).put("project_id", projectId).put("url", "https://www.pivotaltracker.com/epic/show/" + id);
        edit.accept(epic);
        return epic;
    }

    /** A real /my/notifications item (a mention) as another notification. */
    public static ObjectNode notification(long id, long projectId, Consumer<ObjectNode> edit) {
        ObjectNode n = (ObjectNode) cassetteBody("rest-v5/cassettes/get_all_notifications.json", "/my/notifications").get(0);
        n.put("id", id);
        ((ObjectNode) n.get("project")).put("id", projectId);
        edit.accept(n);
        return n;
    }

    /** A real web hook activity (webhook-v5 fixture) moved into another project, story and version. */
    public static Activity activity(String fixture, long projectId, long storyId, long version) {
        ObjectNode a = (ObjectNode) TrackerJson.readTree(Fixtures.read("webhook-v5/" + fixture));
        a.put("guid", projectId + "_" + version).put("project_version", version);
        ((ObjectNode) a.get("project")).put("id", projectId);
        a.get("changes").forEach(c -> ((ObjectNode) c).put("id", storyId));
        a.get("primary_resources").forEach(r -> ((ObjectNode) r).put("id", storyId));
        return Activities.parseJson(a.toString());
    }

    public static TrackerRecord publish(SnapshotKind kind, long id, long projectId, JsonNode snapshot, long version) {
        return send(TrackerRecord.snapshot(kind, id, projectId, snapshot, version, Origin.POLL, INTEGRATION));
    }

    public static TrackerRecord publishNotification(JsonNode item) {
        return send(TrackerRecord.notification(TrackerJson.mapper().convertValue(item, Notification.class), INTEGRATION));
    }

    public static TrackerRecord publishActivity(Activity activity) {
        return send(TrackerRecord.activity(activity, Origin.WEBHOOK, INTEGRATION));
    }

    public static TrackerRecord send(TrackerRecord record) {
        Hub.kafka().produce(record.topic(), record.key(), record.value() == null ? null : new String(record.value(), StandardCharsets.UTF_8),
                record.headers());
        return record;
    }

    /** Waits until the read model consumer of {@code record}'s topic has applied it. */
    public static void awaitApplied(TrackerRecord record) {
        String consumer = switch (record.topic()) {
            case "tracker.stories" -> "connector.readmodel.stories";
            case "tracker.epics" -> "connector.readmodel.epics";
            case "tracker.projects" -> "connector.readmodel.projects";
            case "tracker.notifications" -> "connector.readmodel.notifications";
            default -> "connector.readmodel.activity";
        };
        String id = record.headers().get("ce_id");
        boolean notification = consumer.endsWith("notifications");
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> {
            try (Connection c = PostgresDatabase.database().connect();
                 PreparedStatement s = c.prepareStatement("select 1 from connector.kit_inbox where consumer = ? and "
                         + (notification ? "ce_id like ?" : "ce_id = ?"))) {
                s.setString(1, consumer);
                s.setString(2, notification ? id + "@%" : id);
                try (ResultSet rs = s.executeQuery()) {
                    return rs.next();
                }
            }
        });
    }

    public static TrackerRecord publishAndWait(SnapshotKind kind, long id, long projectId, JsonNode snapshot, long version) {
        TrackerRecord r = publish(kind, id, projectId, snapshot, version);
        awaitApplied(r);
        return r;
    }

    /** A reader of the read APIs: an API token made by the admin. */
    public static RequestSpecification reader() {
        return given().header("Authorization", "Bearer " + readerToken());
    }

    private static volatile String readerToken;

    public static synchronized String readerToken() {
        if (readerToken == null) {
            readerToken = Hub.admin().body("{\"role\": \"reader\", \"label\": \"tests\"}").post("/api/tokens").then().statusCode(201)
                    .extract().jsonPath().getString("token");
        }
        return readerToken;
    }

    private static JsonNode cassetteBody(String cassette, String uriEnd) {
        for (JsonNode interaction : TrackerJson.readTree(Fixtures.read(cassette)).get("http_interactions")) {
            if (interaction.at("/request/uri").asText().endsWith(uriEnd)) {
                return TrackerJson.readTree(interaction.at("/response/body/string").asText());
            }
        }
        throw new IllegalArgumentException(cassette + " has no request ending with " + uriEnd);
    }
}
