package io.trackerhub.notification;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import io.trackerhub.events.activity.Activities;
import io.trackerhub.events.activity.Activity;
import io.trackerhub.events.kafka.Origin;
import io.trackerhub.events.kafka.Topics;
import io.trackerhub.events.kafka.TrackerRecord;
import io.trackerhub.testkit.Fixtures;
import io.trackerhub.testkit.KafkaTestClient;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.ThreadLocalRandom;

import static io.restassured.RestAssured.given;

/** What the tests do as a user of the hub: call the admin API, publish activity to tracker.activity as ingest does. */
public final class Hub {

    public static final String ADMIN = "Bearer dev-admin-token-not-for-production-0000";
    private static final KafkaTestClient KAFKA = new KafkaTestClient();

    private Hub() {
    }

    public static RequestSpecification admin() {
        return given().header("Authorization", ADMIN).contentType(ContentType.JSON);
    }

    /** Creates a channel and returns its id. */
    public static long channel(String json) {
        return admin().body(json).post("/api/channels").then().statusCode(201).extract().jsonPath().getLong("id");
    }

    /** A project id no other test (nor an earlier run on a shared broker) uses: tests tell their activity apart by it. */
    public static long uniqueProject() {
        return ThreadLocalRandom.current().nextLong(1_000_000_000L, 9_000_000_000L);
    }

    /** A real recorded activity, moved to {@code projectId} (guid {@code projectId_version}). */
    public static Activity fixture(String path, long projectId) {
        Activity recorded = Activities.parse(Fixtures.read(path).getBytes(StandardCharsets.UTF_8));
        return inProject(recorded, projectId, recorded.projectVersion());
    }

    public static Activity inProject(Activity activity, long projectId, long version) {
        ObjectNode tree = Activities.toTree(activity);
        ((ObjectNode) tree.get("project")).put("id", projectId);
        tree.put("project_version", version);
        tree.put("guid", projectId + "_" + version);
        // create changes name their project too
        tree.withArray("changes").forEach(change -> {
            if (change.path("new_values").has("project_id")) {
                ((ObjectNode) change.get("new_values")).put("project_id", projectId);
            }
        });
        // through text, so that numbers are typed as when read from the wire
        return Activities.parseJson(tree.toString());
    }

    /** Publishes the activity as the ingest service does (key, CloudEvents headers, canonical JSON). */
    public static void publish(Activity activity) {
        TrackerRecord record = TrackerRecord.activity(activity, Origin.WEBHOOK, 1L);
        KAFKA.produce(Topics.ACTIVITY, record.key(), new String(record.value(), StandardCharsets.UTF_8), record.headers());
    }

    public static KafkaTestClient kafka() {
        return KAFKA;
    }
}
