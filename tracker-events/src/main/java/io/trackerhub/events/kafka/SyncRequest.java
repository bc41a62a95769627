package io.trackerhub.events.kafka;

import io.trackerhub.events.TrackerFormatException;
import io.trackerhub.events.TrackerJson;
import io.trackerhub.events.json.TrackerResource;
import io.trackerhub.events.json.TrackerTime;

import java.time.Instant;

/**
 * A command to the poller on {@link Topics#SYNC_REQUESTS}: poll this integration now.
 * JSON {@code {"integration_id":7,"reason":"force sync","requested_at":"2024-05-01T10:00:00Z"}}.
 */
@TrackerResource
public record SyncRequest(Long integrationId, String reason, @TrackerTime Instant requestedAt) {

    public static SyncRequest parse(byte[] json) throws TrackerFormatException {
        SyncRequest request = TrackerJson.read(json, SyncRequest.class);
        if (request.integrationId() == null) {
            throw TrackerFormatException.at("integration_id", "is missing");
        }
        if (request.requestedAt() == null) {
            throw TrackerFormatException.at("requested_at", "is missing");
        }
        return request;
    }
}
