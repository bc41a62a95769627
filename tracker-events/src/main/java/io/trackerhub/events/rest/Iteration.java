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

/**
 * An iteration ({@code /projects/{id}/iterations}); it has a {@code number}, not an id.
 * {@code velocity} and the point sums only come with {@code fields=}.
 */
@TrackerResource
public record Iteration(
        String kind,
        Integer number,
        Long projectId,
        Integer length,
        Double teamStrength,
        List<Story> stories,
        @TrackerTime Instant start,
        @TrackerTime Instant finish,
        Double velocity,
        Double points,
        Double acceptedPoints,
        Double effectivePoints,
        @JsonAnySetter @JsonAnyGetter Map<String, JsonNode> others) {

    public Iteration {
        stories = ReadOnly.list(stories);
        others = ReadOnly.fields(others);
    }
}
