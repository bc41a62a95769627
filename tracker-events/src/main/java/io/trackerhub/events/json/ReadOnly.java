package io.trackerhub.events.json;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Unmodifiable copies for the models' compact constructors. */
public final class ReadOnly {

    private ReadOnly() {
    }

    /**
     * The fields of a Tracker object that its record does not name. They are kept, in their order,
     * so that a consumer which re-serialises an object loses nothing Tracker sent. Null becomes empty.
     */
    public static Map<String, JsonNode> fields(Map<String, JsonNode> fields) {
        if (fields == null || fields.isEmpty()) {
            return Map.of();
        }
        return Collections.unmodifiableMap(new LinkedHashMap<>(fields));
    }

    /**
     * A list Tracker sent; null stays null (the field was absent, which is not the same as {@code []}).
     * Not {@code List.copyOf}: a null item must survive until validation can name it.
     */
    public static <T> List<T> list(List<T> items) {
        return items == null ? null : Collections.unmodifiableList(new ArrayList<>(items));
    }
}
