package io.trackerhub.connector.writeback;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.trackerhub.connector.systems.Calls;
import io.trackerhub.kit.outbox.Delivery;

import java.time.Instant;

/** A write-back delivery: which link and activity it came from, what it does, and how it went. */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record DeliveryView(long id, Long linkId, String externalId, Long storyId, String action, String toState, String activity,
                           String state, int attempts, Integer lastStatus, String lastError, Instant createdAt,
                           Instant nextAttemptAt, Instant deliveredAt) {

    public static DeliveryView of(Delivery d) {
        JsonNode payload;
        try {
            payload = Calls.JSON.readTree(d.payload());
        } catch (Exception e) {
            payload = Calls.JSON.createObjectNode();
        }
        String key = d.dedupKey();
        String activity = key == null || !key.contains("/") ? null : key.substring(0, key.indexOf('/'));
        return new DeliveryView(d.id(), payload.hasNonNull("link_id") ? payload.get("link_id").asLong() : null, Calls.text(payload, "external_id"),
                payload.hasNonNull("story_id") ? payload.get("story_id").asLong() : null, Calls.text(payload, "action"),
                Calls.text(payload, "to_state"), activity, d.status().column(), d.attempts(), d.lastStatus(), d.lastError(), d.createdAt(),
                d.status() == Delivery.Status.PENDING ? d.nextAttemptAt() : null, d.deliveredAt());
    }
}
