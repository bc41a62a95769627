package io.trackerhub.events.rest;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.databind.JsonNode;
import io.trackerhub.events.json.ReadOnly;
import io.trackerhub.events.json.TrackerResource;

import java.util.Map;

/** A project's or person's time zone: {@code olson_name} such as {@code America/Los_Angeles} and its current {@code offset}. */
@TrackerResource
public record TimeZone(
        String kind,
        String olsonName,
        String offset,
        @JsonAnySetter @JsonAnyGetter Map<String, JsonNode> others) {

    public TimeZone {
        others = ReadOnly.fields(others);
    }
}
