package io.trackerhub.events.activity;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.databind.JsonNode;
import io.trackerhub.events.json.ReadOnly;
import io.trackerhub.events.json.TrackerResource;

import java.util.Map;

/**
 * A Tracker person as it appears inside other resources: {@code performed_by} of an activity, a
 * story's {@code owners}, a notification's {@code performer}. {@code kind} is {@code person}.
 * A person converted from v3 XML has a name only.
 */
@TrackerResource
public record Person(
        String kind,
        Long id,
        String name,
        String initials,
        String email,
        String username,
        @JsonAnySetter @JsonAnyGetter Map<String, JsonNode> others) {

    public static final String KIND = "person";

    public Person {
        others = ReadOnly.fields(others);
    }

    /** A person known by name only, as v3 XML gives an author. */
    public static Person named(String name) {
        return new Person(KIND, null, name, null, null, null, Map.of());
    }
}
