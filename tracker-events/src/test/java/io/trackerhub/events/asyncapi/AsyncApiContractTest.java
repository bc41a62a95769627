package io.trackerhub.events.asyncapi;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import io.trackerhub.events.TrackerJson;
import io.trackerhub.events.activity.Activities;
import io.trackerhub.events.activity.Activity;
import io.trackerhub.events.kafka.CloudEventHeaders;
import io.trackerhub.events.kafka.Origin;
import io.trackerhub.events.kafka.SnapshotKind;
import io.trackerhub.events.kafka.Topics;
import io.trackerhub.events.kafka.TrackerRecord;
import io.trackerhub.events.rest.Notification;
import io.trackerhub.testkit.Fixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** docs/asyncapi.yaml is what downstream teams read: it must say what tracker-events really writes. */
class AsyncApiContractTest {

    private static final JsonNode DOC = load();
    private static final Map<String, JsonSchema> SCHEMAS = new HashMap<>();

    private static JsonNode load() {
        try {
            return new ObjectMapper(new YAMLFactory()).readTree(Fixtures.repositoryFile("docs/asyncapi.yaml").toFile());
        } catch (IOException e) {
            throw new IllegalStateException("docs/asyncapi.yaml does not read as YAML", e);
        }
    }

    /** A component schema, resolvable with the document's own $refs. */
    private static synchronized JsonSchema schema(String name) {
        return SCHEMAS.computeIfAbsent(name, n -> {
            ObjectNode root = TrackerJson.mapper().createObjectNode();
            root.put("$schema", "http://json-schema.org/draft-07/schema#");
            root.set("components", DOC.get("components"));
            root.put("$ref", "#/components/schemas/" + n);
            return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V7).getSchema(root);
        });
    }

    private static void assertValid(String schemaName, JsonNode value, String what) {
        assertThat(DOC.at("/components/schemas/" + schemaName).isMissingNode()).as("schema " + schemaName + " exists").isFalse();
        Set<ValidationMessage> errors = schema(schemaName).validate(value);
        assertThat(errors).as(what + " against " + schemaName).isEmpty();
    }

    private static void assertRecordValid(TrackerRecord record, String valueSchema, String headerSchema, String what) {
        if (record.value() != null) {
            assertValid(valueSchema, TrackerJson.readTree(record.value()), what + " value");
        }
        assertValid(headerSchema, TrackerJson.mapper().valueToTree(record.headers()), what + " headers");
        assertValid("DecimalId", TrackerJson.mapper().getNodeFactory().textNode(record.key()), what + " key");
    }

    @Test
    void everyTopicOfTrackerEventsIsAChannelWithItsPartitionsAndCleanUpPolicy() {
        Map<String, JsonNode> channels = new HashMap<>();
        DOC.get("channels").forEach(channel -> channels.put(channel.get("address").asText(), channel));

        assertThat(channels.keySet()).containsExactlyInAnyOrderElementsOf(Topics.ALL.stream().map(Topics.Topic::name).toList());
        for (Topics.Topic topic : Topics.ALL) {
            JsonNode kafka = channels.get(topic.name()).at("/bindings/kafka");
            assertThat(kafka.path("partitions").asInt()).as(topic.name() + " partitions").isEqualTo(topic.partitions());
            assertThat(kafka.at("/topicConfiguration/cleanup.policy/0").asText())
                    .as(topic.name() + " cleanup.policy").isEqualTo(topic.compacted() ? "compact" : "delete");
        }
    }

    @Test
    void everyHeaderNameIsDocumentedAndNoOtherHubHeaderIs() throws IllegalAccessException {
        Set<String> constants = new HashSet<>();
        for (Field field : CloudEventHeaders.class.getFields()) {
            if (Modifier.isStatic(field.getModifiers()) && field.getType() == String.class) {
                String value = (String) field.get(null);
                if (value.startsWith("ce_") || value.startsWith("hub-") || value.equals("content-type")) {
                    constants.add(value);
                }
            }
        }
        Set<String> documented = new HashSet<>();
        collectHeaderNames(DOC.get("components").get("schemas"), documented);

        assertThat(documented).containsAll(constants);
        assertThat(constants).containsAll(documented.stream().filter(h -> h.startsWith("ce_") || h.startsWith("hub-")).toList());
    }

    private static void collectHeaderNames(JsonNode node, Set<String> names) {
        if (node.isObject()) {
            JsonNode properties = node.get("properties");
            if (properties != null) {
                for (Iterator<String> it = properties.fieldNames(); it.hasNext(); ) {
                    String name = it.next();
                    if (name.startsWith("ce_") || name.startsWith("hub-") || name.equals("content-type")) {
                        names.add(name);
                    }
                }
            }
            node.forEach(child -> collectHeaderNames(child, names));
        } else if (node.isArray()) {
            node.forEach(child -> collectHeaderNames(child, names));
        }
    }

    static Stream<Path> activityFixtures() {
        return Stream.of(Fixtures.list("webhook-v5", ".json"), Fixtures.list("activity", ".json"), Fixtures.list("webhook-v3", ".xml"))
                .flatMap(java.util.List::stream);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("activityFixtures")
    void activityRecordOfEveryFixtureMatchesTheSchemas(Path fixture) throws IOException {
        Activity activity = Activities.parse(java.nio.file.Files.readAllBytes(fixture));
        assertRecordValid(TrackerRecord.activity(activity, Origin.WEBHOOK, 7), "Activity", "ActivityHeaders", fixture.getFileName().toString());
    }

    @Test
    void restActivityPagesMatchTheActivitySchemaAsTrackerSentThem() {
        JsonNode page = TrackerJson.readTree(cassetteBody("rest-v5/cassettes/get_project_activity.json", 0));
        assertThat(page.size()).isGreaterThan(50);
        page.forEach(activity -> assertValid("Activity", activity, activity.path("guid").asText()));
    }

    @Test
    void snapshotsOfRealStoriesEpicsAndProjectsMatchTheSchemas() {
        JsonNode stories = TrackerJson.readTree(cassetteBody("rest-v5/cassettes/get_unscheduled_stories.json", 0));
        stories.forEach(story -> {
            ObjectNode withoutProject = ((ObjectNode) story.deepCopy());
            withoutProject.remove("project_id");
            assertRecordValid(TrackerRecord.snapshot(SnapshotKind.STORY, story.get("id").asLong(), 1027488, withoutProject, 233, Origin.POLL, 7),
                    "StorySnapshot", "SnapshotHeaders", "story " + story.get("id"));
        });
        JsonNode epics = TrackerJson.readTree(cassetteBody("rest-v5/cassettes/get_epics.json", 0));
        epics.forEach(epic -> assertRecordValid(TrackerRecord.snapshot(SnapshotKind.EPIC, epic.get("id").asLong(), 1027488, epic, 233, Origin.POLL, 7),
                "EpicSnapshot", "SnapshotHeaders", "epic " + epic.get("id")));
        JsonNode project = TrackerJson.readTree(cassetteBody("rest-v5/cassettes/get_project.json", 0));
        assertRecordValid(TrackerRecord.snapshot(SnapshotKind.PROJECT, 1027488, 1027488, project, 233, Origin.POLL, 7),
                "ProjectSnapshot", "SnapshotHeaders", "project");
        assertRecordValid(TrackerRecord.snapshot(SnapshotKind.STORY, 66728004, 1027488, null, 234, Origin.POLL, 7),
                "StorySnapshot", "SnapshotHeaders", "story tombstone");
    }

    @Test
    void notificationsAndSyncRequestsMatchTheSchemas() {
        JsonNode notifications = TrackerJson.readTree(cassetteBody("rest-v5/cassettes/get_all_notifications.json", 0));
        assertThat(notifications.size()).isPositive();
        notifications.forEach(n -> assertRecordValid(TrackerRecord.notification(TrackerJson.convert(n, Notification.class), 7),
                "Notification", "NotificationHeaders", "notification " + n.get("id")));
        assertRecordValid(TrackerRecord.syncRequest(7, "manual", Instant.parse("2026-11-23T12:00:00Z")),
                "SyncRequest", "SyncRequestHeaders", "sync request");
        assertRecordValid(TrackerRecord.gapSyncRequest(7, 807213, 17, 20, Instant.parse("2026-11-23T12:00:00Z")),
                "SyncRequest", "SyncRequestHeaders", "gap sync request");
    }

    @Test
    void schemasRejectWhatIsNotTheContract() {
        ObjectNode bad = (ObjectNode) Activities.toTree(Activities.parse(Fixtures.read("webhook-v5/zulip_v5_started.json")));
        bad.put("guid", "not-a-guid");
        assertThat(schema("Activity").validate(bad)).isNotEmpty();
        assertThat(schema("ActivityHeaders").validate(TrackerJson.mapper().valueToTree(Map.of("ce_id", "1_1")))).isNotEmpty();
    }

    private static byte[] cassetteBody(String cassette, int interaction) {
        return TrackerJson.readTree(Fixtures.read(cassette)).get("http_interactions").get(interaction)
                .get("response").get("body").get("string").asText().getBytes(StandardCharsets.UTF_8);
    }
}
