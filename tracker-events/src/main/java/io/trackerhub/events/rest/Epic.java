package io.trackerhub.events.rest;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.databind.JsonNode;
import io.trackerhub.events.json.ReadOnly;
import io.trackerhub.events.json.TrackerResource;
import io.trackerhub.events.json.TrackerTime;

import java.time.Instant;
import java.util.Map;

/** An epic ({@code /projects/{id}/epics}, {@code /epics/{id}}): a label with a name, a description and a place in the epic list. */
@TrackerResource
public record Epic(
        String kind,
        Long id,
        Long projectId,
        String name,
        String description,
        Long labelId,
        Label label,
        String url,
        Long beforeId,
        Long afterId,
        @TrackerTime Instant createdAt,
        @TrackerTime Instant updatedAt,
        @JsonAnySetter @JsonAnyGetter Map<String, JsonNode> others) {

    public Epic {
        others = ReadOnly.fields(others);
    }
}
