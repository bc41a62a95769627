package io.trackerhub.events.kafka;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.trackerhub.events.TrackerJson;
import io.trackerhub.events.activity.Activities;
import io.trackerhub.events.activity.Activity;
import io.trackerhub.events.json.Timestamps;
import io.trackerhub.events.rest.Notification;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One record as the hub writes it to Kafka: topic, key (a decimal id), value (JSON bytes, null for
 * a tombstone) and string headers. The factories are the only way records are built, so every
 * producer writes the same contract (README, "Kafka contract").
 */
public record TrackerRecord(String topic, String key, byte[] value, Map<String, String> headers) {

    private static final int MAX_ERROR_LENGTH = 1000;

    public TrackerRecord {
        Objects.requireNonNull(topic, "topic");
        headers = Collections.unmodifiableMap(new LinkedHashMap<>(headers));
    }

    /**
     * An activity on {@link Topics#ACTIVITY}, keyed by project id so that one project's activity
     * stays in order. {@code ce_id} is the guid: the web hook and the poll of the same activity
     * produce the same id, and consumers keep the first.
     */
    public static TrackerRecord activity(Activity activity, Origin origin, long integrationId) {
        Map<String, String> headers = cloudEvent(activity.guid(), activity.ceType(),
                CloudEventHeaders.projectSource(activity.projectId()), activity.occurredAt(),
                activity.primaryResourceId().map(String::valueOf).orElse(null), true);
        hub(headers, origin, integrationId);
        return new TrackerRecord(Topics.ACTIVITY, Long.toString(activity.projectId()), Activities.toJsonBytes(activity), headers);
    }

    /**
     * The latest state of a story, project or epic on its compacted topic, keyed by its id;
     * {@code snapshot} null writes a tombstone (deleted). {@code ce_id} is
     * {@code {kind}_{id}_v{projectVersion}}, e.g. {@code story_123_v57}: the same state seen twice
     * has the same id, a later state a new one. A story snapshot always carries {@code project_id}.
     * {@code ce_time} is the snapshot's {@code updated_at} when it has one.
     */
    public static TrackerRecord snapshot(SnapshotKind kind, long id, long projectId, JsonNode snapshot,
                                         long projectVersion, Origin origin, long integrationId) {
        byte[] value = null;
        Instant time = null;
        if (snapshot != null) {
            if (!snapshot.isObject()) {
                throw new IllegalArgumentException(kind.wire() + " snapshot must be a JSON object");
            }
            ObjectNode state = (ObjectNode) snapshot;
            if (kind == SnapshotKind.STORY && !state.has("project_id")) {
                state = state.deepCopy().put("project_id", projectId);
            }
            value = TrackerJson.writeBytes(state);
            time = timeOf(state.get("updated_at"));
        }
        Map<String, String> headers = cloudEvent(kind.wire() + "_" + id + "_v" + projectVersion, kind.ceType(),
                CloudEventHeaders.projectSource(projectId), time, Long.toString(id), value != null);
        hub(headers, origin, integrationId);
        return new TrackerRecord(kind.topic(), Long.toString(id), value, headers);
    }

    /**
     * A {@code /my/notifications} item on {@link Topics#NOTIFICATIONS}, keyed by notification id;
     * {@code ce_id} is {@code notification_{id}}, {@code ce_subject} the story id when there is one.
     */
    public static TrackerRecord notification(Notification notification, long integrationId) {
        Objects.requireNonNull(notification.id(), "notification id");
        Long projectId = notification.project() == null ? null : notification.project().id();
        Instant time = notification.updatedAt() != null ? notification.updatedAt() : notification.createdAt();
        String subject = notification.story() == null || notification.story().id() == null ? null : notification.story().id().toString();
        Map<String, String> headers = cloudEvent("notification_" + notification.id(), CloudEventHeaders.NOTIFICATION_TYPE,
                projectId == null ? CloudEventHeaders.integrationSource(integrationId) : CloudEventHeaders.projectSource(projectId),
                time, subject, true);
        hub(headers, Origin.POLL, integrationId);
        return new TrackerRecord(Topics.NOTIFICATIONS, notification.id().toString(), TrackerJson.writeBytes(notification), headers);
    }

    /**
     * A command to poll an integration now, on {@link Topics#SYNC_REQUESTS}, keyed by integration id.
     * {@code ce_id} is {@code sync_{integrationId}_{requestedAt millis}}, so a retried send is one request.
     */
    public static TrackerRecord syncRequest(long integrationId, String reason, Instant requestedAt) {
        Objects.requireNonNull(requestedAt, "requestedAt");
        return syncRequest(new SyncRequest(integrationId, reason, requestedAt), "sync_" + integrationId + "_" + requestedAt.toEpochMilli());
    }

    /**
     * A request to backfill a gap in a project's activity (versions strictly between {@code fromVersion} and
     * {@code toVersion}). {@code ce_id} is {@code gap_{projectId}_{from}_{to}}: the same gap reported twice is one request.
     */
    public static TrackerRecord gapSyncRequest(long integrationId, long projectId, long fromVersion, long toVersion, Instant requestedAt) {
        Objects.requireNonNull(requestedAt, "requestedAt");
        if (toVersion <= fromVersion + 1) {
            throw new IllegalArgumentException("no version lies between " + fromVersion + " and " + toVersion);
        }
        return syncRequest(SyncRequest.gap(integrationId, projectId, fromVersion, toVersion, requestedAt),
                "gap_" + projectId + "_" + fromVersion + "_" + toVersion);
    }

    private static TrackerRecord syncRequest(SyncRequest request, String id) {
        long integrationId = positive(request.integrationId());
        Map<String, String> headers = cloudEvent(id, CloudEventHeaders.SYNC_REQUEST_TYPE, CloudEventHeaders.integrationSource(integrationId),
                request.requestedAt(), Long.toString(integrationId), true);
        headers.put(CloudEventHeaders.HUB_INTEGRATION, Long.toString(integrationId));
        return new TrackerRecord(Topics.SYNC_REQUESTS, Long.toString(integrationId), TrackerJson.writeBytes(request), headers);
    }

    /**
     * A record a consumer gives up on, for {@link Topics#DEADLETTER}: same key, value and headers,
     * plus {@code hub-error} (one line, at most 1000 characters), {@code hub-source-topic} and {@code hub-attempts}.
     */
    public static TrackerRecord deadLetter(String sourceTopic, String key, byte[] value, Map<String, String> headers,
                                           String error, int attempts) {
        Map<String, String> all = new LinkedHashMap<>(headers);
        all.put(CloudEventHeaders.HUB_ERROR, oneLine(error));
        all.put(CloudEventHeaders.HUB_SOURCE_TOPIC, sourceTopic);
        all.put(CloudEventHeaders.HUB_ATTEMPTS, Integer.toString(attempts));
        return new TrackerRecord(Topics.DEADLETTER, key, value, all);
    }

    public static TrackerRecord deadLetter(ConsumerRecord<String, byte[]> failed, String error, int attempts) {
        return deadLetter(failed.topic(), failed.key(), failed.value(), CloudEventHeaders.toMap(failed.headers()), error, attempts);
    }

    public boolean isTombstone() {
        return value == null;
    }

    /** The record for a {@code KafkaProducer<String, byte[]>}; the partition is left to the key. */
    public ProducerRecord<String, byte[]> toProducerRecord() {
        return new ProducerRecord<>(topic, null, null, key, value, CloudEventHeaders.toHeaders(headers));
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof TrackerRecord that && topic.equals(that.topic) && Objects.equals(key, that.key)
                && Arrays.equals(value, that.value) && headers.equals(that.headers);
    }

    @Override
    public int hashCode() {
        return Objects.hash(topic, key, Arrays.hashCode(value), headers);
    }

    /** Without the value: records are logged, payloads should not be. */
    @Override
    public String toString() {
        return "TrackerRecord[topic=" + topic + ", key=" + key + ", value=" + (value == null ? "null" : value.length + " bytes")
                + ", headers=" + headers + "]";
    }

    private static Map<String, String> cloudEvent(String id, String type, String source, Instant time, String subject,
                                                  boolean hasValue) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put(CloudEventHeaders.SPECVERSION, CloudEventHeaders.SPEC_VERSION_1_0);
        headers.put(CloudEventHeaders.ID, id);
        headers.put(CloudEventHeaders.SOURCE, source);
        headers.put(CloudEventHeaders.TYPE, type);
        if (time != null) {
            headers.put(CloudEventHeaders.TIME, Timestamps.format(time));
        }
        if (subject != null) {
            headers.put(CloudEventHeaders.SUBJECT, subject);
        }
        if (hasValue) {
            headers.put(CloudEventHeaders.CONTENT_TYPE, CloudEventHeaders.JSON);
        }
        return headers;
    }

    private static void hub(Map<String, String> headers, Origin origin, long integrationId) {
        headers.put(CloudEventHeaders.HUB_ORIGIN, Objects.requireNonNull(origin, "origin").wire());
        headers.put(CloudEventHeaders.HUB_INTEGRATION, Long.toString(positive(integrationId)));
    }

    private static long positive(long integrationId) {
        if (integrationId <= 0) {
            throw new IllegalArgumentException("integration ids are positive, got " + integrationId);
        }
        return integrationId;
    }

    private static Instant timeOf(JsonNode value) {
        if (value == null) {
            return null;
        }
        if (value.isIntegralNumber()) {
            return Instant.ofEpochMilli(value.longValue());
        }
        try {
            return value.isTextual() ? Timestamps.parseIso(value.textValue()) : null;
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private static String oneLine(String error) {
        String line = error == null ? "unknown error" : error.replaceAll("\\s*[\\r\\n]+\\s*", " ").trim();
        return line.length() > MAX_ERROR_LENGTH ? line.substring(0, MAX_ERROR_LENGTH) : line;
    }
}
