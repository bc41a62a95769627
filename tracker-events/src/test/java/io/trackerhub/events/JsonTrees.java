package io.trackerhub.events;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.trackerhub.events.json.Timestamps;

import java.time.Instant;
import java.util.Iterator;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** "Equivalent JSON" for round-trip tests: same tree, numbers compared by value, a top-level occurred_at compared as an instant. */
public final class JsonTrees {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private JsonTrees() {
    }

    public static void assertEquivalent(JsonNode actual, JsonNode expected) {
        assertThat(normalised(actual, true)).isEqualTo(normalised(expected, true));
    }

    public static JsonNode tree(String json) {
        return TrackerJson.readTree(json);
    }

    private static JsonNode normalised(JsonNode node, boolean top) {
        if (node.isObject()) {
            ObjectNode copy = NODES.objectNode();
            Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> field = fields.next();
                JsonNode value = field.getValue();
                if (top && field.getKey().equals("occurred_at")) {
                    copy.put("occurred_at", instant(value).toString());
                } else {
                    copy.set(field.getKey(), normalised(value, false));
                }
            }
            return copy;
        }
        if (node.isArray()) {
            ArrayNode copy = NODES.arrayNode();
            node.forEach(item -> copy.add(normalised(item, false)));
            return copy;
        }
        if (node.isNumber()) {
            return NODES.numberNode(node.decimalValue().stripTrailingZeros());
        }
        return node;
    }

    private static Instant instant(JsonNode value) {
        return value.isNumber() ? Instant.ofEpochMilli(value.longValue()) : Timestamps.parseIso(value.asText());
    }
}
