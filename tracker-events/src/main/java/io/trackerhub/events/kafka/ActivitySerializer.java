package io.trackerhub.events.kafka;

import io.trackerhub.events.activity.Activities;
import io.trackerhub.events.activity.Activity;
import org.apache.kafka.common.serialization.Serializer;

/** Kafka value serializer: an {@link Activity} as canonical v5 JSON. */
public class ActivitySerializer implements Serializer<Activity> {

    @Override
    public byte[] serialize(String topic, Activity activity) {
        return activity == null ? null : Activities.toJsonBytes(activity);
    }
}
