package io.trackerhub.v5;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;

/**
 * Tracker's two clocks: REST answers ISO-8601 strings unless {@code date_format=millis}; web hooks always send epoch
 * milliseconds, also inside {@code new_values}/{@code original_values}. This rewrites every timestamp field of a tree.
 */
public final class Millis {

    private static final Set<String> TIME_FIELDS = Set.of("deadline", "start", "finish", "start_time");

    private Millis() {
    }

    /** A copy of {@code node} with epoch-millisecond timestamps; the original may be shared with stored records, so it is never touched. */
    public static JsonNode convert(JsonNode node) {
        JsonNode copy = node.deepCopy();
        rewrite(copy);
        return copy;
    }

    private static void rewrite(JsonNode node) {
        if (node instanceof ObjectNode object) {
            Iterator<Map.Entry<String, JsonNode>> fields = object.fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> field = fields.next();
                JsonNode value = field.getValue();
                if (value.isTextual() && isTimeField(field.getKey())) {
                    try {
                        field.setValue(object.numberNode(Instant.parse(value.asText()).toEpochMilli()));
                    } catch (DateTimeParseException notATime) {
                        // a field named like a time that holds something else stays as it is
                    }
                } else {
                    rewrite(value);
                }
            }
        } else if (node instanceof ArrayNode array) {
            array.forEach(Millis::rewrite);
        }
    }

    private static boolean isTimeField(String name) {
        return name.endsWith("_at") || TIME_FIELDS.contains(name);
    }
}
