package io.trackerhub.poller.sync;

import io.trackerhub.events.kafka.Topics;
import io.trackerhub.kit.kafka.TrackerChannels;

/** The {@code sync-requests} channel of {@link SyncRequestConsumer}. */
public class SyncRequestChannelConfig extends TrackerChannels {

    public SyncRequestChannelConfig() {
        super("poller-service");
        incoming(SyncRequestConsumer.CHANNEL, Topics.SYNC_REQUESTS, "poller-service");
    }
}
