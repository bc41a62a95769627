package io.trackerhub.events.kafka;

import java.time.Instant;

/**
 * The CloudEvents attributes and hub headers of one record, read by
 * {@link CloudEventHeaders#read(org.apache.kafka.common.header.Headers)}. A header that was
 * absent is null. {@code id} is what consumers record in their inbox.
 */
public record EventMeta(
        String specVersion,
        String id,
        String type,
        String source,
        Instant time,
        String subject,
        String contentType,
        Origin origin,
        Long integrationId) {

    public boolean isActivity() {
        return type != null && type.startsWith(CloudEventHeaders.ACTIVITY_TYPE_PREFIX);
    }

    public boolean isSnapshot() {
        return type != null && type.startsWith(CloudEventHeaders.SNAPSHOT_TYPE_PREFIX);
    }
}
