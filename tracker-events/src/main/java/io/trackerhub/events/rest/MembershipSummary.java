package io.trackerhub.events.rest;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.databind.JsonNode;
import io.trackerhub.events.json.ReadOnly;
import io.trackerhub.events.json.TrackerResource;
import io.trackerhub.events.json.TrackerTime;

import java.time.Instant;
import java.util.Map;

/** One of the token owner's projects as {@code /me} lists them ({@code kind: membership_summary}). */
@TrackerResource
public record MembershipSummary(
        String kind,
        Long id,
        Long projectId,
        String projectName,
        String projectColor,
        String role,
        Boolean favorite,
        @TrackerTime Instant lastViewedAt,
        @JsonAnySetter @JsonAnyGetter Map<String, JsonNode> others) {

    public MembershipSummary {
        others = ReadOnly.fields(others);
    }
}
