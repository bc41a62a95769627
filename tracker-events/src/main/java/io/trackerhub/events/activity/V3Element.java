package io.trackerhub.events.activity;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.trackerhub.events.TrackerFormatException;
import io.trackerhub.events.json.JsonErrors;
import io.trackerhub.events.json.Timestamps;

import java.time.DateTimeException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One element of a v3 XML document as jackson-dataformat-xml reads it into a tree: plain text,
 * or an object holding the attributes ({@code type}, {@code nil}), the text under {@code ""} and
 * the child elements (a repeated child becomes an array). Knows its path for error messages,
 * e.g. {@code activity/stories/story[0]/id}.
 */
final class V3Element {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final String TEXT = "";
    private static final String TYPE = "type";
    private static final String NIL = "nil";

    private final String name;
    private final String path;
    private final JsonNode node;

    V3Element(String name, String path, JsonNode node) {
        this.name = name;
        this.path = path;
        this.node = node;
    }

    String name() {
        return name;
    }

    String path() {
        return path;
    }

    /** The element's text; null when it is {@code nil="true"}. */
    String text() {
        if (node == null || node.isNull() || isNil()) {
            return null;
        }
        if (node.isObject()) {
            JsonNode text = node.get(TEXT);
            return text == null ? "" : text.asText();
        }
        return node.asText();
    }

    /** The {@code type} attribute ({@code integer}, {@code datetime}, {@code array}…), null if none. */
    String type() {
        return attribute(TYPE);
    }

    boolean isNil() {
        return "true".equals(attribute(NIL));
    }

    Optional<V3Element> child(String childName) {
        if (node == null || !node.isObject() || !node.has(childName)) {
            return Optional.empty();
        }
        JsonNode value = node.get(childName);
        // A single-valued element given twice: the first one counts, as in a DOM lookup.
        JsonNode first = value.isArray() && !value.isEmpty() ? value.get(0) : value;
        return Optional.of(new V3Element(childName, path + "/" + childName, first));
    }

    /** The items of a list element such as {@code <stories type="array"><story>…</story></stories>}; empty if absent. */
    List<V3Element> items(String listName, String itemName) {
        Optional<V3Element> list = child(listName);
        if (list.isEmpty() || list.get().node == null || !list.get().node.isObject()) {
            return List.of();
        }
        JsonNode items = list.get().node.get(itemName);
        if (items == null) {
            return List.of();
        }
        String itemPath = list.get().path + "/" + itemName;
        List<V3Element> result = new ArrayList<>();
        if (items.isArray()) {
            for (int i = 0; i < items.size(); i++) {
                result.add(new V3Element(itemName, itemPath + "[" + i + "]", items.get(i)));
            }
        } else {
            result.add(new V3Element(itemName, itemPath + "[0]", items));
        }
        return result;
    }

    /** The child elements other than attributes and text, in document order. */
    List<V3Element> children() {
        if (node == null || !node.isObject()) {
            return List.of();
        }
        List<V3Element> result = new ArrayList<>();
        Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            if (!field.getKey().equals(TEXT) && !isAttribute(field.getKey())) {
                result.add(new V3Element(field.getKey(), path + "/" + field.getKey(), field.getValue()));
            }
        }
        return result;
    }

    V3Element required(String childName) {
        return child(childName).orElseThrow(() -> TrackerFormatException.at(path + "/" + childName, "is missing"));
    }

    Optional<String> optionalText(String childName) {
        return child(childName).map(V3Element::text).filter(text -> !text.isBlank()).map(String::trim);
    }

    String requiredText(String childName) {
        V3Element child = required(childName);
        String text = child.text();
        if (text == null || text.isBlank()) {
            throw TrackerFormatException.at(child.path, "must not be empty");
        }
        return text.trim();
    }

    long requiredLong(String childName) {
        return required(childName).asLong();
    }

    Optional<Long> optionalLong(String childName) {
        return child(childName).filter(c -> c.text() != null && !c.text().isBlank()).map(V3Element::asLong);
    }

    Instant requiredTime(String childName) {
        return required(childName).asTime();
    }

    long asLong() {
        String text = text();
        try {
            return Long.parseLong(text == null ? "" : text.trim());
        } catch (NumberFormatException e) {
            throw TrackerFormatException.at(path, "must be an integer, got " + quoted(text));
        }
    }

    Instant asTime() {
        String text = text();
        try {
            return V3Time.parse(text == null ? "" : text);
        } catch (DateTimeException e) {
            throw TrackerFormatException.at(path, "must be a time like " + V3Time.EXAMPLE + ", got " + quoted(text));
        }
    }

    /** The value as JSON, typed by the {@code type} attribute; times become RFC 3339 strings like v5 REST. */
    JsonNode asJson() {
        if (isNil() || text() == null) {
            return NODES.nullNode();
        }
        String type = type() == null ? "" : type();
        return switch (type) {
            case "integer" -> number(asLong());
            case "float", "decimal" -> NODES.numberNode(asDouble());
            case "boolean" -> NODES.booleanNode(Boolean.parseBoolean(text().trim()));
            case "datetime" -> NODES.textNode(Timestamps.format(asTime()));
            default -> NODES.textNode(text());
        };
    }

    /** A number node of the class Jackson gives the same number read from JSON, so converted and re-read activities are equal. */
    static JsonNode number(long value) {
        return value == (int) value ? NODES.numberNode((int) value) : NODES.numberNode(value);
    }

    private double asDouble() {
        try {
            return Double.parseDouble(text().trim());
        } catch (NumberFormatException e) {
            throw TrackerFormatException.at(path, "must be a number, got " + quoted(text()));
        }
    }

    private String attribute(String attributeName) {
        if (node == null || !node.isObject()) {
            return null;
        }
        JsonNode value = node.get(attributeName);
        return value != null && value.isValueNode() ? value.asText() : null;
    }

    // The tree does not tell attributes from child elements; v3 Tracker used only these two.
    private static boolean isAttribute(String key) {
        return key.equals(TYPE) || key.equals(NIL);
    }

    private static String quoted(String text) {
        return text == null ? "null" : JsonErrors.describe(NODES.textNode(text.trim()));
    }
}
