package io.trackerhub.events.rest;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.trackerhub.events.json.ReadOnly;
import io.trackerhub.events.json.TrackerResource;
import io.trackerhub.events.json.TrackerTime;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A project ({@code /projects/{id}}, {@code /projects}). {@code version} is the project version
 * the next activity poll starts from. {@code labels} and {@code epics} only when asked for with
 * {@code fields=}.
 */
@TrackerResource
public record Project(
        String kind,
        Long id,
        String name,
        String description,
        Long version,
        Long accountId,
        Integer iterationLength,
        String weekStartDay,
        String pointScale,
        TimeZone timeZone,
        Integer currentIterationNumber,
        Double currentVelocity,
        @JsonProperty("public") Boolean publicProject,
        String projectType,
        Boolean enableTasks,
        @TrackerTime Instant startTime,
        List<Label> labels,
        List<Epic> epics,
        @TrackerTime Instant createdAt,
        @TrackerTime Instant updatedAt,
        @JsonAnySetter @JsonAnyGetter Map<String, JsonNode> others) {

    public Project {
        labels = ReadOnly.list(labels);
        epics = ReadOnly.list(epics);
        others = ReadOnly.fields(others);
    }
}
