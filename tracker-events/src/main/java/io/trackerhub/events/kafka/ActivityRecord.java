package io.trackerhub.events.kafka;

import io.trackerhub.events.TrackerFormatException;
import io.trackerhub.events.activity.Activities;
import io.trackerhub.events.activity.Activity;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Headers;

/**
 * What a consumer of {@link Topics#ACTIVITY} handles: the activity and its headers.
 * {@link #id()} is the key for the consumer's inbox.
 */
public record ActivityRecord(EventMeta meta, Activity activity) {

    /** {@code ce_id}; the activity guid when a producer left the header out (they are equal by contract). */
    public String id() {
        return meta.id() != null ? meta.id() : activity.guid();
    }

    public static ActivityRecord from(ConsumerRecord<String, byte[]> record) throws TrackerFormatException {
        return from(record.headers(), record.value());
    }

    public static ActivityRecord from(Headers headers, byte[] value) throws TrackerFormatException {
        if (value == null) {
            throw TrackerFormatException.of("activity record has no value");
        }
        return new ActivityRecord(CloudEventHeaders.read(headers), Activities.parseJson(value));
    }
}
