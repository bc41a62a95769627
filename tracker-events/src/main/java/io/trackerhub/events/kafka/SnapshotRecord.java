package io.trackerhub.events.kafka;

import io.trackerhub.events.TrackerFormatException;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Headers;

/**
 * What a consumer of {@link Topics#PROJECTS}, {@link Topics#STORIES} or {@link Topics#EPICS} handles: the record as
 * {@link TrackerRecord#snapshot} wrote it. {@link #projectVersion()} is the Tracker project version the snapshot was
 * read at (the {@code _v{n}} ending of its {@code ce_id}), so a consumer keeps the newest state whatever order records
 * arrive in; {@link #projectId()} comes from {@code ce_source}. The value stays bytes: each consumer binds or reads
 * it as it needs ({@code null} is a tombstone: removed).
 */
public record SnapshotRecord(SnapshotKind kind, EventMeta meta, long id, long projectId, long projectVersion, byte[] value) {

    /** {@code ce_id}, the key for a consumer's inbox. */
    public String ceId() {
        return meta.id();
    }

    public boolean tombstone() {
        return value == null;
    }

    public static SnapshotRecord from(ConsumerRecord<String, byte[]> record) throws TrackerFormatException {
        return from(CloudEventHeaders.read(record.headers()), record.key(), record.value());
    }

    public static SnapshotRecord from(Headers headers, String key, byte[] value) throws TrackerFormatException {
        return from(CloudEventHeaders.read(headers), key, value);
    }

    public static SnapshotRecord from(EventMeta meta, String key, byte[] value) throws TrackerFormatException {
        String ceId = meta.id();
        if (ceId == null) {
            throw TrackerFormatException.of("snapshot record has no ce_id header");
        }
        SnapshotKind kind = kindOf(meta.type(), ceId);
        long id = decimal(key != null ? key.trim() : meta.subject(), "snapshot " + ceId + " key");
        int v = ceId.lastIndexOf("_v");
        if (v < 0) {
            throw TrackerFormatException.of("snapshot ce_id '" + ceId + "' does not end with _v{project version}");
        }
        long version = decimal(ceId.substring(v + 2), "the project version of snapshot ce_id '" + ceId + "'");
        long projectId;
        if (kind == SnapshotKind.PROJECT) {
            projectId = id;
        } else {
            String source = meta.source();
            String prefix = CloudEventHeaders.projectSource(0).replace("0", "");
            if (source == null || !source.startsWith(prefix)) {
                throw TrackerFormatException.of(kind.wire() + " snapshot " + ceId + " has ce_source '" + source + "', not " + prefix + "{id}");
            }
            projectId = decimal(source.substring(prefix.length()), "the project id of ce_source '" + source + "'");
        }
        return new SnapshotRecord(kind, meta, id, projectId, version, value);
    }

    private static SnapshotKind kindOf(String ceType, String ceId) throws TrackerFormatException {
        for (SnapshotKind kind : SnapshotKind.values()) {
            if (kind.ceType().equals(ceType)) {
                return kind;
            }
        }
        throw TrackerFormatException.of("snapshot " + ceId + " has ce_type '" + ceType + "', not tracker.snapshot.{story|project|epic}");
    }

    private static long decimal(String text, String what) throws TrackerFormatException {
        if (text == null || text.isEmpty() || text.length() > 18 || !text.chars().allMatch(Character::isDigit)) {
            throw TrackerFormatException.of(what + " is '" + text + "', not a decimal id");
        }
        return Long.parseLong(text);
    }
}
