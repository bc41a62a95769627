package io.trackerhub.notification.delivery;

import io.trackerhub.events.kafka.ActivityRecord;
import io.trackerhub.kit.backfill.BackfillTarget;
import io.trackerhub.kit.outbox.Delivery;
import io.trackerhub.notification.channels.Channel;
import io.trackerhub.notification.channels.Channels;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.ArrayList;
import java.util.List;

/** A channel's backfill (service-kit's {@code Backfills}): the deliveries the live consumer would have queued for it. */
@ApplicationScoped
class ChannelBackfill implements BackfillTarget {

    private final Channels channels;

    public ChannelBackfill(Channels channels) {
        this.channels = channels;
    }

    @Override
    public String kind() {
        return Channel.BACKFILL;
    }

    @Override
    public List<Delivery.Request> requests(long id, List<ActivityRecord> activities) {
        Channel channel = channels.load(id).orElseThrow(() -> new IllegalStateException("the channel was deleted"));
        List<Delivery.Request> requests = new ArrayList<>();
        for (ActivityRecord event : activities) {
            if (channel.takes(event.activity())) {
                requests.add(Notifications.request(channel, event.activity()).dedupedBy(Notifications.dedupKey(event, channel)));
            }
        }
        return requests;
    }
}
