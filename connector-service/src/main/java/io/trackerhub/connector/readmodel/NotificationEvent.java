package io.trackerhub.connector.readmodel;

import com.fasterxml.jackson.databind.JsonNode;
import io.trackerhub.events.TrackerFormatException;
import io.trackerhub.events.TrackerJson;
import io.trackerhub.events.kafka.EventMeta;
import io.trackerhub.kit.kafka.TrackerMessages;
import org.eclipse.microprofile.reactive.messaging.Message;

/** One {@code /my/notifications} item from {@code tracker.notifications}, checked before any transaction. */
public record NotificationEvent(EventMeta meta, long id, JsonNode item) {

    /**
     * The inbox key. The producer's {@code ce_id} ({@code notification_{id}}) is the same for every state of a
     * notification (read, updated), so the event time ({@code ce_time}, its updated_at) is part of the key: a
     * redelivery is a duplicate, a later state of the notification is not.
     */
    public String inboxId() {
        return meta.id() + (meta.time() == null ? "" : "@" + meta.time());
    }

    static NotificationEvent of(Message<byte[]> message) throws TrackerFormatException {
        EventMeta meta = TrackerMessages.meta(message);
        if (meta.id() == null) {
            throw TrackerFormatException.of("notification record has no ce_id header");
        }
        if (message.getPayload() == null) {
            throw TrackerFormatException.of("notification record " + meta.id() + " has no value");
        }
        JsonNode item = TrackerJson.readTree(message.getPayload());
        if (!item.isObject() || !item.path("id").isIntegralNumber()) {
            throw TrackerFormatException.of("notification record " + meta.id() + " is not a /my/notifications item with an id");
        }
        return new NotificationEvent(meta, item.get("id").longValue(), item);
    }
}
