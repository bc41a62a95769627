package io.trackerhub.events.rest;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.databind.JsonNode;
import io.trackerhub.events.activity.Person;
import io.trackerhub.events.json.ReadOnly;
import io.trackerhub.events.json.TrackerResource;
import io.trackerhub.events.json.TrackerTime;

import java.time.Instant;
import java.util.Map;

/**
 * A member of a project ({@code /projects/{id}/memberships}, {@code kind: project_membership}):
 * the person and their {@code role} (owner, member, viewer). No recording of this endpoint exists
 * in the fixtures; the fields follow the v5 reference.
 */
@TrackerResource
public record ProjectMembership(
        String kind,
        Long id,
        Long projectId,
        Long personId,
        Person person,
        String role,
        String projectColor,
        Boolean wantsCommentNotificationEmails,
        @TrackerTime Instant lastViewedAt,
        @TrackerTime Instant createdAt,
        @TrackerTime Instant updatedAt,
        @JsonAnySetter @JsonAnyGetter Map<String, JsonNode> others) {

    public ProjectMembership {
        others = ReadOnly.fields(others);
    }
}
