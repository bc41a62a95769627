package io.trackerhub.connector.readmodel;

import com.fasterxml.jackson.databind.JsonNode;
import io.trackerhub.events.TrackerFormatException;
import io.trackerhub.events.TrackerJson;
import io.trackerhub.events.kafka.EventMeta;
import io.trackerhub.events.kafka.SnapshotKind;
import io.trackerhub.events.kafka.SnapshotRecord;
import io.trackerhub.kit.kafka.TrackerMessages;
import org.eclipse.microprofile.reactive.messaging.Message;

import java.time.Instant;

/**
 * One record of {@code tracker.projects}, {@code tracker.epics} or {@code tracker.stories}, checked before any
 * transaction (a bad one goes to the dead-letter topic). {@code version} is the Tracker project version the snapshot
 * was taken at, read from its {@code ce_id} ({@code {kind}_{id}_v{version}}, tracker-events' TrackerRecord.snapshot);
 * {@code projectId} comes from the snapshot, else from {@code ce_source} ({@code /tracker/projects/{id}}).
 * {@code state} is null for a tombstone.
 */
public record SnapshotEvent(SnapshotKind kind, EventMeta meta, long id, Long projectId, long version, JsonNode state) {

    public boolean tombstone() {
        return state == null;
    }

    /** The event's time ({@code ce_time}: the snapshot's updated_at), or null. */
    public Instant time() {
        return meta.time();
    }

    static SnapshotEvent of(SnapshotKind kind, Message<byte[]> message) throws TrackerFormatException {
        return of(kind, TrackerMessages.meta(message), TrackerMessages.key(message), message.getPayload());
    }

    static SnapshotEvent of(SnapshotKind kind, EventMeta meta, String key, byte[] value) throws TrackerFormatException {
        // id, project and project version as tracker-events' TrackerRecord.snapshot wrote them
        SnapshotRecord record = SnapshotRecord.from(meta, key, value);
        if (record.kind() != kind) {
            throw TrackerFormatException.of("a " + record.kind().wire() + " snapshot (" + meta.id() + ") on the " + kind.topic() + " topic");
        }
        long projectId = record.projectId();
        JsonNode state = null;
        if (value != null) {
            state = TrackerJson.readTree(value);
            if (!state.isObject()) {
                throw TrackerFormatException.of(kind.wire() + " snapshot " + meta.id() + " is not a JSON object");
            }
            if (kind == SnapshotKind.STORY) {
                JsonNode project = state.get("project_id");
                if (project == null || !project.isIntegralNumber()) {
                    throw TrackerFormatException.at("project_id", "a story snapshot must name its project");
                }
                projectId = project.longValue();
            }
        }
        return new SnapshotEvent(kind, meta, record.id(), projectId, record.projectVersion(), state);
    }
}
