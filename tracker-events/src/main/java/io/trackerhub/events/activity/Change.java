package io.trackerhub.events.activity;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.trackerhub.events.json.ReadOnly;
import io.trackerhub.events.json.TrackerResource;

import java.util.Map;
import java.util.Optional;

/**
 * One resource changed by an activity. {@code original_values} and {@code new_values} stay the raw
 * JSON Tracker sent (timestamps inside them as received: millis from web hooks, ISO strings from
 * REST); a {@code delete} change has neither, a {@code create} change has no original values.
 * Treat the nodes as read-only: they are shared, not copied.
 */
@TrackerResource
public record Change(
        String kind,
        String changeType,
        Long id,
        String name,
        String storyType,
        ObjectNode originalValues,
        ObjectNode newValues,
        @JsonAnySetter @JsonAnyGetter Map<String, JsonNode> others) {

    public static final String CREATE = "create";
    public static final String UPDATE = "update";
    public static final String DELETE = "delete";

    public Change {
        others = ReadOnly.fields(others);
    }

    /** A field of {@code new_values}; empty when absent, a JSON null node when Tracker sent null. */
    public Optional<JsonNode> newValue(String field) {
        return Optional.ofNullable(newValues == null ? null : newValues.get(field));
    }

    /** A field of {@code original_values}; empty when absent, a JSON null node when Tracker sent null. */
    public Optional<JsonNode> originalValue(String field) {
        return Optional.ofNullable(originalValues == null ? null : originalValues.get(field));
    }
}
