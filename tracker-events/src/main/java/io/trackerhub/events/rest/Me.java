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
 * The token's owner ({@code /me}, {@code kind: me}) with the projects they belong to. It carries
 * the {@code api_token}: never log it or return it; {@link #toString()} leaves it out.
 */
@TrackerResource
public record Me(
        String kind,
        Long id,
        String name,
        String initials,
        String username,
        String email,
        TimeZone timeZone,
        String apiToken,
        List<MembershipSummary> projects,
        @TrackerTime Instant createdAt,
        @TrackerTime Instant updatedAt,
        @JsonAnySetter @JsonAnyGetter Map<String, JsonNode> others) {

    public Me {
        projects = ReadOnly.list(projects);
        others = ReadOnly.fields(others);
    }

    @Override
    public String toString() {
        return "Me[id=" + id + ", name=" + name + ", username=" + username + ", apiToken=" + (apiToken == null ? "null" : "***")
                + ", projects=" + (projects == null ? 0 : projects.size()) + "]";
    }
}
