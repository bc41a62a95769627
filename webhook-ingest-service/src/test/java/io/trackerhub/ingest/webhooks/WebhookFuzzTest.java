package io.trackerhub.ingest.webhooks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.trackerhub.events.TrackerJson;
import io.trackerhub.events.activity.Activities;
import io.trackerhub.events.activity.Activity;
import io.trackerhub.events.kafka.CloudEventHeaders;
import io.trackerhub.events.kafka.Topics;
import io.trackerhub.testkit.Fixtures;
import io.trackerhub.testkit.KafkaBroker;
import io.trackerhub.testkit.KafkaTestClient;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

import static io.restassured.RestAssured.given;
import static io.trackerhub.ingest.webhooks.WebhookBodies.randomId;
import static io.trackerhub.ingest.webhooks.WebhookBodies.url;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Thousands of mutated real bodies: truncated, wrong types, missing fields, deep nesting, huge strings, invalid
 * UTF-8, hostile XML. The service answers each with 200, 400, 413 or 422 — never a 5xx — and every record it
 * stores is a valid activity record.
 */
@QuarkusTest
@WithTestResource(KafkaBroker.class)
class WebhookFuzzTest {

    private static final int MUTATIONS = 3000;
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final Random random = new Random(20261123L);

    @Test
    void mutatedRealBodiesNeverCauseA5xxNorAnInvalidRecord() {
        List<byte[]> originals = new ArrayList<>();
        for (Path p : Fixtures.list("webhook-v5", ".json")) {
            originals.add(read(p));
        }
        for (Path p : Fixtures.list("activity", ".json")) {
            originals.add(read(p));
        }
        List<byte[]> xml = Fixtures.list("webhook-v3", ".xml").stream().map(WebhookFuzzTest::read).toList();

        long integration = randomId();
        String path = url(integration);
        Map<Integer, Integer> statuses = new TreeMap<>();
        for (int i = 0; i < MUTATIONS; i++) {
            boolean useXml = random.nextInt(5) == 0;
            byte[] original = useXml ? xml.get(random.nextInt(xml.size())) : originals.get(random.nextInt(originals.size()));
            byte[] body = useXml ? mutateXml(original) : mutateJson(original);
            int status = given().contentType(random.nextBoolean() ? "application/json" : "application/xml").body(body).post(path).statusCode();
            statuses.merge(status, 1, Integer::sum);
            assertThat(status).as("mutation %d: %s", i, preview(body)).isIn(200, 400, 413, 422);
        }
        assertThat(statuses).containsKeys(200, 400, 422);

        try (KafkaTestClient kafka = new KafkaTestClient()) {
            List<KafkaTestClient.Received> stored = kafka.consumeAll(Topics.ACTIVITY, Duration.ofSeconds(30)).stream()
                    .filter(r -> Long.toString(integration).equals(r.header(CloudEventHeaders.HUB_INTEGRATION))).toList();
            assertThat(stored).isNotEmpty();
            for (KafkaTestClient.Received record : stored) {
                Activity activity = Activities.parseJson(record.value());
                assertThat(record.header(CloudEventHeaders.ID)).isEqualTo(activity.guid());
                assertThat(record.key()).matches("[1-9][0-9]*").isEqualTo(Long.toString(activity.projectId()));
                assertThat(activity.guid()).isEqualTo(activity.projectId() + "_" + activity.projectVersion());
                assertThat(record.header(CloudEventHeaders.TYPE)).isEqualTo("tracker.activity." + activity.kind());
            }
        }
    }

    private byte[] mutateJson(byte[] original) {
        String text = new String(original, StandardCharsets.UTF_8);
        switch (random.nextInt(8)) {
            case 0:
                return text.substring(0, random.nextInt(text.length())).getBytes(StandardCharsets.UTF_8);
            case 1:
                return flipBytes(original);
            case 2:
                return ("[".repeat(5000) + "1" + "]".repeat(5000)).getBytes(StandardCharsets.UTF_8);
            case 3:
                return text.replaceFirst("\\{", "{\"kind\":" + "{\"a\":".repeat(3000) + "1" + "}".repeat(3000) + ",")
                        .getBytes(StandardCharsets.UTF_8);
            default:
                ObjectNode tree = (ObjectNode) TrackerJson.readTree(original);
                // Unique identity so that accepted mutations are stored rather than answered as duplicates.
                long project = randomId();
                long version = random.nextInt(1_000_000);
                if (tree.get("project") instanceof ObjectNode p) {
                    p.put("id", project);
                }
                tree.put("project_version", version);
                tree.put("guid", project + "_" + version);
                for (int n = 1 + random.nextInt(3); n > 0; n--) {
                    mutateSomewhere(tree);
                }
                return TrackerJson.writeString(tree).getBytes(StandardCharsets.UTF_8);
        }
    }

    private void mutateSomewhere(JsonNode node) {
        List<JsonNode> containers = new ArrayList<>();
        collect(node, containers);
        JsonNode target = containers.get(random.nextInt(containers.size()));
        if (target instanceof ObjectNode object && object.size() > 0) {
            List<String> names = new ArrayList<>();
            object.fieldNames().forEachRemaining(names::add);
            String name = names.get(random.nextInt(names.size()));
            if (random.nextInt(4) == 0) {
                object.remove(name);
            } else {
                object.set(name, randomValue());
            }
        } else if (target instanceof ArrayNode array && array.size() > 0) {
            array.set(random.nextInt(array.size()), randomValue());
        }
    }

    private static void collect(JsonNode node, List<JsonNode> containers) {
        if (node.isContainerNode()) {
            containers.add(node);
            node.forEach(child -> collect(child, containers));
        }
    }

    private JsonNode randomValue() {
        return switch (random.nextInt(11)) {
            case 0 -> NODES.textNode("x".repeat(random.nextInt(200_000)));
            case 1 -> NODES.numberNode(random.nextLong());
            case 2 -> NODES.numberNode(-1);
            case 3 -> NODES.numberNode(random.nextDouble() * 1e300);
            case 4 -> NODES.booleanNode(random.nextBoolean());
            case 5 -> NODES.nullNode();
            case 6 -> NODES.arrayNode().add(1).add("two").addNull();
            case 7 -> NODES.objectNode().put("kind", "story").put("id", "not-a-number");
            case 8 -> NODES.textNode("\u0000\uFFFF\uD83D\uDE00<script>'\"");
            case 9 -> NODES.textNode("2014-13-45T99:99:99Z");
            default -> NODES.numberNode(new java.math.BigInteger("9".repeat(40)));
        };
    }

    private byte[] mutateXml(byte[] original) {
        String text = new String(original, StandardCharsets.UTF_8);
        return switch (random.nextInt(6)) {
            case 0 -> text.substring(0, random.nextInt(text.length())).getBytes(StandardCharsets.UTF_8);
            case 1 -> flipBytes(original);
            case 2 -> text.replaceFirst("<version type=\"integer\">\\d+</version>", "<version type=\"integer\">" + random.nextLong() + "</version>")
                    .replaceFirst("<project_id type=\"integer\">\\d+</project_id>", "<project_id type=\"integer\">" + (1 + random.nextInt(1_000_000)) + "</project_id>")
                    .getBytes(StandardCharsets.UTF_8);
            case 3 -> text.replace("<?xml version=\"1.0\" encoding=\"UTF-8\"?>",
                    "<?xml version=\"1.0\"?><!DOCTYPE activity [<!ENTITY a \"aaaaaaaaaa\"><!ENTITY b \"&a;&a;&a;&a;&a;&a;&a;&a;\">"
                            + "<!ENTITY x SYSTEM \"file:///etc/passwd\">]>").replace("<author>", "<author>&b;&x;")
                    .getBytes(StandardCharsets.UTF_8);
            case 4 -> text.replaceFirst("<occurred_at type=\"datetime\">[^<]*</occurred_at>", "<occurred_at type=\"datetime\">yesterday</occurred_at>")
                    .getBytes(StandardCharsets.UTF_8);
            default -> text.replace("</activity>", "<stories>" + "<story>".repeat(2000) + "</story>".repeat(2000) + "</stories></activity>")
                    .getBytes(StandardCharsets.UTF_8);
        };
    }

    private byte[] flipBytes(byte[] original) {
        byte[] copy = original.clone();
        for (int n = 1 + random.nextInt(8); n > 0; n--) {
            copy[random.nextInt(copy.length)] = (byte) (0x80 + random.nextInt(0x80));
        }
        return copy;
    }

    private static String preview(byte[] body) {
        String text = new String(body, 0, Math.min(body.length, 300), StandardCharsets.UTF_8);
        return text + (body.length > 300 ? "… (" + body.length + " bytes)" : "");
    }

    private static byte[] read(Path path) {
        try {
            return Files.readAllBytes(path);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
