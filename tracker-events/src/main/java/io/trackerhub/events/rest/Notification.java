package io.trackerhub.events.rest;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.databind.JsonNode;
import io.trackerhub.events.activity.Person;
import io.trackerhub.events.activity.Resource;
import io.trackerhub.events.json.ReadOnly;
import io.trackerhub.events.json.TrackerResource;
import io.trackerhub.events.json.TrackerTime;

import java.time.Instant;
import java.util.Map;

/**
 * An item of {@code /my/notifications}: something that happened to the token's owner, e.g. a
 * mention ({@code notification_type} {@code comment_with_mention}) on a story.
 */
@TrackerResource
public record Notification(
        String kind,
        Long id,
        Resource project,
        Person performer,
        String message,
        String context,
        String notificationType,
        String action,
        Resource story,
        Resource epic,
        Long commentId,
        @TrackerTime Instant readAt,
        @TrackerTime Instant createdAt,
        @TrackerTime Instant updatedAt,
        @JsonAnySetter @JsonAnyGetter Map<String, JsonNode> others) {

    public Notification {
        others = ReadOnly.fields(others);
    }
}
