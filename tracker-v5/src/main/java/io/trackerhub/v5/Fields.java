package io.trackerhub.v5;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.trackerhub.events.TrackerJson;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Tracker's {@code fields=} parameter, e.g. {@code :default,owned_by,labels(name)}: {@code :default} keeps the
 * resource's default fields, each name adds (or, without {@code :default}, selects) a field, and parentheses select
 * the fields of a nested resource. {@code id} is always kept, as Tracker did.
 */
public record Fields(boolean withDefaults, Map<String, Fields> named) {

    public static final Fields DEFAULT = new Fields(true, Map.of());

    public static Fields parse(String text) {
        if (text == null || text.isBlank()) {
            return DEFAULT;
        }
        Fields parsed = parse(text, new int[] {0});
        return parsed;
    }

    private static Fields parse(String text, int[] at) {
        boolean defaults = false;
        Map<String, Fields> named = new LinkedHashMap<>();
        StringBuilder name = new StringBuilder();
        while (at[0] < text.length()) {
            char c = text.charAt(at[0]++);
            if (c == '(') {
                named.put(name.toString().trim(), parse(text, at));
                name.setLength(0);
            } else if (c == ',' || c == ')') {
                defaults |= add(name, named);
                if (c == ')') {
                    return new Fields(defaults, named);
                }
            } else {
                name.append(c);
            }
        }
        defaults |= add(name, named);
        return new Fields(defaults, named);
    }

    private static boolean add(StringBuilder name, Map<String, Fields> named) {
        String field = name.toString().trim();
        name.setLength(0);
        if (field.equals(":default")) {
            return true;
        }
        if (!field.isEmpty()) {
            named.putIfAbsent(field, null);
        }
        return false;
    }

    public boolean isDefault() {
        return withDefaults && named.isEmpty();
    }

    public List<String> extraNames() {
        return new ArrayList<>(named.keySet());
    }

    /**
     * The representation of one resource: {@code full} holds its default fields, {@code extra} gives fields a resource
     * only has on request (e.g. {@code owned_by} of a story), or null when it has no such field.
     */
    public ObjectNode select(ObjectNode full, Function<String, JsonNode> extra) {
        if (isDefault()) {
            return full;
        }
        ObjectNode out = TrackerJson.mapper().createObjectNode();
        if (withDefaults) {
            out.setAll(full);
        } else if (full.has("id")) {
            out.set("id", full.get("id"));
        }
        named.forEach((name, sub) -> {
            JsonNode value = full.has(name) ? full.get(name) : extra.apply(name);
            if (value != null) {
                out.set(name, sub == null ? value : sub.nested(value));
            }
        });
        return out;
    }

    private JsonNode nested(JsonNode value) {
        if (value instanceof ObjectNode object) {
            return select(object, name -> null);
        }
        if (value instanceof ArrayNode array) {
            ArrayNode out = array.arrayNode();
            array.forEach(item -> out.add(nested(item)));
            return out;
        }
        return value;
    }
}
