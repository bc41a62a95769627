package io.trackerhub.events.kafka;

import io.trackerhub.events.TrackerFormatException;
import io.trackerhub.events.TrackerJson;
import io.trackerhub.events.json.TrackerResource;
import io.trackerhub.events.json.TrackerTime;

import java.time.Instant;

/**
 * A command to the poller on {@link Topics#SYNC_REQUESTS}: poll this integration now.
 * JSON {@code {"integration_id":7,"reason":"force sync","requested_at":"2024-05-01T10:00:00Z"}}. A request for a
 * gap the ingest service saw also names the project and the versions around the gap:
 * {@code "project_id":99,"from_version":17,"to_version":20} asks for the activity after 17 and before 20 (18, 19).
 */
@TrackerResource
public record SyncRequest(Long integrationId, String reason, @TrackerTime Instant requestedAt,
                          Long projectId, Long fromVersion, Long toVersion) {

    public static final String REASON_GAP = "gap";

    public SyncRequest(Long integrationId, String reason, Instant requestedAt) {
        this(integrationId, reason, requestedAt, null, null, null);
    }

    /** Backfill the activity of {@code projectId} strictly between {@code fromVersion} and {@code toVersion}. */
    public static SyncRequest gap(long integrationId, long projectId, long fromVersion, long toVersion, Instant requestedAt) {
        return new SyncRequest(integrationId, REASON_GAP, requestedAt, projectId, fromVersion, toVersion);
    }

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
