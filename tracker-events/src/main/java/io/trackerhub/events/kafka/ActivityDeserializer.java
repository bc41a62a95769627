package io.trackerhub.events.kafka;

import io.trackerhub.events.TrackerFormatException;
import io.trackerhub.events.activity.Activities;
import io.trackerhub.events.activity.Activity;
import org.apache.kafka.common.serialization.Deserializer;

/**
 * Kafka value deserializer for {@link Topics#ACTIVITY}: v5 JSON to {@link Activity}. A value that
 * is not a valid activity throws {@link TrackerFormatException}, which the consumer reports as a
 * {@code RecordDeserializationException} at that offset (dead-letter it, do not skip silently).
 */
public class ActivityDeserializer implements Deserializer<Activity> {

    @Override
    public Activity deserialize(String topic, byte[] data) {
        return data == null ? null : Activities.parseJson(data);
    }
}
