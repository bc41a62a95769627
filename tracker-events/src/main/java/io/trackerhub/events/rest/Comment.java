package io.trackerhub.events.rest;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.databind.JsonNode;
import io.trackerhub.events.json.ReadOnly;
import io.trackerhub.events.json.TrackerResource;
import io.trackerhub.events.json.TrackerTime;

import java.time.Instant;
import java.util.Map;

/** A comment on a story ({@code story_id}) or on an epic ({@code epic_id}). */
@TrackerResource
public record Comment(
        String kind,
        Long id,
        Long storyId,
        Long epicId,
        String text,
        Long personId,
        @TrackerTime Instant createdAt,
        @TrackerTime Instant updatedAt,
        @JsonAnySetter @JsonAnyGetter Map<String, JsonNode> others) {

    public Comment {
        others = ReadOnly.fields(others);
    }
}
