package io.trackerhub.notification.delivery;

import io.trackerhub.events.kafka.Topics;
import io.trackerhub.kit.kafka.TrackerChannels;

/**
 * The {@code tracker-activity} channel: a poll at a time, applied in one transaction ({@link ActivityConsumer}); each
 * unreadable record is dead-lettered on its own.
 */
public class ActivityChannelConfig extends TrackerChannels {

    public ActivityChannelConfig() {
        super("notification-service");
        incoming(ActivityConsumer.CHANNEL, Topics.ACTIVITY, "notification-service").batch();
    }
}
