package io.trackerhub.events.rest;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.databind.JsonNode;
import io.trackerhub.events.json.ReadOnly;
import io.trackerhub.events.json.TrackerResource;

import java.util.Map;

/** One rejected parameter of a Tracker error: {@code {"field":"estimate","problem":"17 is not a valid estimate…"}}. */
@TrackerResource
public record ValidationError(
        String field,
        String problem,
        @JsonAnySetter @JsonAnyGetter Map<String, JsonNode> others) {

    public ValidationError {
        others = ReadOnly.fields(others);
    }
}
