package io.trackerhub.connector.writeback;

import io.trackerhub.events.kafka.Topics;
import io.trackerhub.kit.kafka.TrackerChannels;

/** The {@code tracker-activity} channel of the write-back consumer ({@link ActivityConsumer}). */
public class ActivityChannelConfig extends TrackerChannels {

    public ActivityChannelConfig() {
        super("connector-service");
        incoming(ActivityConsumer.CHANNEL, Topics.ACTIVITY, "connector-service");
    }
}
