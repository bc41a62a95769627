package io.trackerhub.events.kafka;

import io.trackerhub.events.TrackerFormatException;
import io.trackerhub.events.json.Timestamps;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Record header names and values: the CloudEvents Kafka protocol binding in binary mode
 * ({@code ce_*} headers, the value is the event data) plus the hub's own headers. No service
 * types a header name; they use these. All values are UTF-8 strings.
 */
public final class CloudEventHeaders {

    public static final String SPECVERSION = "ce_specversion";
    /** Unique per event; consumers record it in their inbox. For activity, the Tracker {@code guid}. */
    public static final String ID = "ce_id";
    public static final String SOURCE = "ce_source";
    public static final String TYPE = "ce_type";
    /** RFC 3339, e.g. {@code 2014-01-08T22:08:18Z}. */
    public static final String TIME = "ce_time";
    public static final String SUBJECT = "ce_subject";
    /** The binding's name for CloudEvents {@code datacontenttype}. Absent on tombstones. */
    public static final String CONTENT_TYPE = "content-type";

    /** {@code webhook} or {@code poll}: which path saw the event ({@link Origin}). */
    public static final String HUB_ORIGIN = "hub-origin";
    /** The integration (a Tracker token and its projects) the event came through, a decimal id. */
    public static final String HUB_INTEGRATION = "hub-integration";
    /** On dead letters: why the record was given up, one line. */
    public static final String HUB_ERROR = "hub-error";
    /** On dead letters: the topic the record was read from. */
    public static final String HUB_SOURCE_TOPIC = "hub-source-topic";
    /** On dead letters: how many times it was tried, decimal. */
    public static final String HUB_ATTEMPTS = "hub-attempts";
    /** On dead letters: the class of the failure ({@code unreadable}, {@code data}, {@code failing}: see service-kit's Failures). */
    public static final String HUB_ERROR_KIND = "hub-error-kind";
    /** On dead letters: the consumer group that gave the record up. */
    public static final String HUB_GROUP = "hub-group";
    /** On dead letters: the partition and offset the record was read from, decimal. */
    public static final String HUB_SOURCE_PARTITION = "hub-source-partition";
    public static final String HUB_SOURCE_OFFSET = "hub-source-offset";
    /** On dead letters: when its first attempt failed, RFC 3339. */
    public static final String HUB_FIRST_FAILURE = "hub-first-failure";

    public static final String SPEC_VERSION_1_0 = "1.0";
    public static final String JSON = "application/json";
    public static final String ACTIVITY_TYPE_PREFIX = "tracker.activity.";
    public static final String SNAPSHOT_TYPE_PREFIX = "tracker.snapshot.";
    public static final String NOTIFICATION_TYPE = "tracker.notification";
    public static final String SYNC_REQUEST_TYPE = "hub.sync-request";

    private CloudEventHeaders() {
    }

    /** {@code tracker.activity.story_update_activity} for kind {@code story_update_activity}. */
    public static String activityType(String activityKind) {
        return ACTIVITY_TYPE_PREFIX + activityKind;
    }

    /** {@code /tracker/projects/99}: the source of everything that happens in a project. */
    public static String projectSource(long projectId) {
        return "/tracker/projects/" + projectId;
    }

    /** {@code /hub/integrations/7}: the source of hub commands about an integration. */
    public static String integrationSource(long integrationId) {
        return "/hub/integrations/" + integrationId;
    }

    /** The last value of a header as a string, null if absent. */
    public static String get(Headers headers, String name) {
        Header header = headers.lastHeader(name);
        return header == null || header.value() == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    /** The CloudEvents attributes and hub headers of a record; malformed values fail with a {@link TrackerFormatException}. */
    public static EventMeta read(Headers headers) {
        String integration = get(headers, HUB_INTEGRATION);
        String origin = get(headers, HUB_ORIGIN);
        return new EventMeta(
                get(headers, SPECVERSION),
                get(headers, ID),
                get(headers, TYPE),
                get(headers, SOURCE),
                time(get(headers, TIME)),
                get(headers, SUBJECT),
                get(headers, CONTENT_TYPE),
                origin == null ? null : Origin.fromWire(origin),
                integration == null ? null : decimal(HUB_INTEGRATION, integration));
    }

    /** All headers as strings, in order; a repeated header keeps its last value. */
    public static Map<String, String> toMap(Headers headers) {
        Map<String, String> map = new LinkedHashMap<>();
        for (Header header : headers) {
            map.put(header.key(), header.value() == null ? null : new String(header.value(), StandardCharsets.UTF_8));
        }
        return map;
    }

    public static Headers toHeaders(Map<String, String> values) {
        RecordHeaders headers = new RecordHeaders();
        values.forEach((name, value) -> headers.add(name, value == null ? null : value.getBytes(StandardCharsets.UTF_8)));
        return headers;
    }

    private static Instant time(String value) {
        if (value == null) {
            return null;
        }
        try {
            return Timestamps.parseIso(value);
        } catch (DateTimeParseException e) {
            throw TrackerFormatException.at("header " + TIME, "must be an RFC 3339 time like 2014-01-08T22:08:18Z, got \"" + value + "\"");
        }
    }

    private static long decimal(String name, String value) {
        try {
            return Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            throw TrackerFormatException.at("header " + name, "must be a decimal id, got \"" + value + "\"");
        }
    }
}
