package io.trackerhub.events.rest;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.databind.JsonNode;
import io.trackerhub.events.json.ReadOnly;
import io.trackerhub.events.json.TrackerResource;
import io.trackerhub.events.json.TrackerTime;

import java.time.Instant;
import java.util.Map;

/** One state change of a story ({@code /projects/{id}/stories/{id}/transitions}), with the project version it happened at. */
@TrackerResource
public record StoryTransition(
        String kind,
        String state,
        Long storyId,
        Long projectId,
        Long projectVersion,
        @TrackerTime Instant occurredAt,
        Long performedById,
        @JsonAnySetter @JsonAnyGetter Map<String, JsonNode> others) {

    public StoryTransition {
        others = ReadOnly.fields(others);
    }
}
