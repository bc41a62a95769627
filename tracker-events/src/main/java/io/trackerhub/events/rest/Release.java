package io.trackerhub.events.rest;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.databind.JsonNode;
import io.trackerhub.events.json.ReadOnly;
import io.trackerhub.events.json.TrackerResource;
import io.trackerhub.events.json.TrackerTime;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/** A release marker ({@code /projects/{id}/releases}): a story-like item with a {@code deadline}. */
@TrackerResource
public record Release(
        String kind,
        Long id,
        Long projectId,
        String name,
        String description,
        String currentState,
        @TrackerTime Instant deadline,
        @TrackerTime Instant acceptedAt,
        String url,
        List<Label> labels,
        @TrackerTime Instant createdAt,
        @TrackerTime Instant updatedAt,
        @JsonAnySetter @JsonAnyGetter Map<String, JsonNode> others) {

    public Release {
        labels = ReadOnly.list(labels);
        others = ReadOnly.fields(others);
    }
}
