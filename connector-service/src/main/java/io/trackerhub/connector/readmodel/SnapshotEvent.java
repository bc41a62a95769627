package io.trackerhub.connector.readmodel;

import com.fasterxml.jackson.databind.JsonNode;
import io.trackerhub.events.TrackerFormatException;
import io.trackerhub.events.TrackerJson;
import io.trackerhub.events.kafka.EventMeta;
import io.trackerhub.events.kafka.SnapshotKind;
import io.trackerhub.kit.kafka.TrackerMessages;
import org.eclipse.microprofile.reactive.messaging.Message;

import java.time.Instant;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One record of {@code tracker.projects}, {@code tracker.epics} or {@code tracker.stories}, checked before any
 * transaction (a bad one goes to the dead-letter topic). {@code version} is the Tracker project version the snapshot
 * was taken at, read from its {@code ce_id} ({@code {kind}_{id}_v{version}}, tracker-events' TrackerRecord.snapshot);
 * {@code projectId} comes from the snapshot, else from {@code ce_source} ({@code /tracker/projects/{id}}).
 * {@code state} is null for a tombstone.
 */
public record SnapshotEvent(SnapshotKind kind, EventMeta meta, long id, Long projectId, long version, JsonNode state) {

    private static final Pattern VERSION = Pattern.compile("_v(\\d{1,18})$");
    private static final Pattern PROJECT_SOURCE = Pattern.compile("^/tracker/projects/(\\d{1,18})$");

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
        if (meta.id() == null) {
            throw TrackerFormatException.of(kind.wire() + " snapshot has no ce_id header");
        }
        long id;
        try {
            id = Long.parseLong(key == null ? String.valueOf(meta.subject()) : key.trim());
        } catch (NumberFormatException e) {
            throw TrackerFormatException.of(kind.wire() + " snapshot " + meta.id() + " has key '" + key + "', not a decimal id");
        }
        Matcher v = VERSION.matcher(meta.id());
        if (!v.find()) {
            throw TrackerFormatException.of(kind.wire() + " snapshot ce_id '" + meta.id() + "' does not end with _v{project version}");
        }
        long version = Long.parseLong(v.group(1));
        JsonNode state = null;
        Long projectId = null;
        if (meta.source() != null) {
            Matcher p = PROJECT_SOURCE.matcher(meta.source());
            if (p.matches()) {
                projectId = Long.parseLong(p.group(1));
            }
        }
        if (value != null) {
            state = TrackerJson.readTree(value);
            if (!state.isObject()) {
                throw TrackerFormatException.of(kind.wire() + " snapshot " + meta.id() + " is not a JSON object");
            }
            JsonNode project = kind == SnapshotKind.PROJECT ? state.get("id") : state.get("project_id");
            if (project != null && project.isIntegralNumber()) {
                projectId = project.longValue();
            } else if (kind == SnapshotKind.STORY) {
                throw TrackerFormatException.at("project_id", "a story snapshot must name its project");
            }
        }
        if (kind == SnapshotKind.PROJECT) {
            projectId = id;
        }
        if (projectId == null) {
            throw TrackerFormatException.of(kind.wire() + " snapshot " + meta.id() + " names no project (no project_id, no ce_source)");
        }
        return new SnapshotEvent(kind, meta, id, projectId, version, state);
    }
}
