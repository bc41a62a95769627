package io.trackerhub.events.rest;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.databind.JsonNode;
import io.trackerhub.events.json.ReadOnly;
import io.trackerhub.events.json.TrackerResource;
import io.trackerhub.events.json.TrackerTime;

import java.time.Instant;
import java.util.Map;

/** A task of a story ({@code /projects/{id}/stories/{id}/tasks}). */
@TrackerResource
public record Task(
        String kind,
        Long id,
        Long storyId,
        String description,
        Boolean complete,
        Integer position,
        @TrackerTime Instant createdAt,
        @TrackerTime Instant updatedAt,
        @JsonAnySetter @JsonAnyGetter Map<String, JsonNode> others) {

    public Task {
        others = ReadOnly.fields(others);
    }
}
