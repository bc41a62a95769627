package io.trackerhub.notification.delivery;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.trackerhub.events.TrackerJson;
import io.trackerhub.events.activity.Activity;
import io.trackerhub.events.kafka.ActivityRecord;
import io.trackerhub.kit.backfill.Backfills;
import io.trackerhub.kit.inbox.Inbox;
import io.trackerhub.kit.outbox.Delivery;
import io.trackerhub.kit.outbox.Outbox;
import io.trackerhub.notification.channels.Channel;
import io.trackerhub.notification.channels.Channels;
import io.trackerhub.notification.messages.ChatText;
import io.trackerhub.notification.messages.Publish;
import io.trackerhub.notification.messages.WebhookBody;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Turns one activity into one outbox delivery per channel that takes it, in the transaction that records the
 * activity's {@code ce_id} in the inbox: a duplicate or replayed activity queues nothing.
 */
@ApplicationScoped
public class Notifications {

    static final String CONSUMER = "notification.activity";

    public enum Outcome { QUEUED, UNMATCHED, DUPLICATE }

    private final Inbox inbox;
    private final Outbox outbox;
    private final Channels channels;
    private final Backfills backfills;

    public Notifications(Inbox inbox, Outbox outbox, Channels channels, Backfills backfills) {
        this.inbox = inbox;
        this.outbox = outbox;
        this.channels = channels;
        this.backfills = backfills;
    }

    /**
     * Applies a poll of activities in one transaction: the inbox records their ids in one statement, and every
     * activity seen for the first time queues one delivery per channel that takes it, in the poll's order.
     */
    @Transactional
    public Map<Outcome, Integer> applyAll(List<ActivityRecord> events) {
        Set<String> fresh = inbox.markProcessedIfNew(CONSUMER, events.stream().map(ActivityRecord::id).toList());
        Map<Outcome, Integer> counts = new EnumMap<>(Outcome.class);
        List<Delivery.Request> requests = new ArrayList<>();
        Set<Long> backfilling = backfills.runningInThisTransaction(Channel.BACKFILL);
        for (ActivityRecord event : events) {
            Outcome outcome;
            if (!fresh.remove(event.id())) {
                outcome = Outcome.DUPLICATE;
            } else {
                // a channel being backfilled gets everything from its backfill until that hands it back
                List<Channel> targets = channels.matching(event.activity()).stream().filter(c -> !backfilling.contains(c.id)).toList();
                for (Channel channel : targets) {
                    requests.add(request(channel, event.activity()).dedupedBy(dedupKey(event, channel)));
                }
                outcome = targets.isEmpty() ? Outcome.UNMATCHED : Outcome.QUEUED;
            }
            counts.merge(outcome, 1, Integer::sum);
        }
        outbox.enqueueAll(requests);
        return counts;
    }

    /** One delivery per (activity, channel), whichever path queues it (the live consumer, a backfill). */
    static String dedupKey(ActivityRecord event, Channel channel) {
        return event.id() + "/" + channel.destination();
    }

    /** The delivery of an activity to a channel; no secret in it (the URL is added at send time). */
    static Delivery.Request request(Channel channel, Activity activity) {
        return request(channel, activity, channel.publish);
    }

    /** The same, as if the channel published {@code publish} (the test message shows every option). */
    static Delivery.Request request(Channel channel, Activity activity, Set<Publish> publish) {
        String type = channel.type.wire();
        Delivery.Request request = switch (channel.type) {
            case SLACK -> Delivery.Request.of(type, channel.target(), slack(ChatText.of(activity, publish).orElseThrow()))
                    .withHeaders(Map.of("Content-Type", "application/json"));
            case CAMPFIRE -> Delivery.Request.of(type, channel.target(), Campfire.body(ChatText.of(activity, publish).orElseThrow()))
                    .withHeaders(Map.of("Content-Type", "text/html; charset=utf-8"));
            case WEBHOOK -> Delivery.Request.of(type, channel.target(), WebhookBody.of(activity, channel.version))
                    .withHeaders(Map.of("Content-Type", WebhookBody.contentType(channel.version)));
        };
        return request.to(channel.destination()).inOrderOf(channel.orderingKey(activity.projectId()));
    }

    /** Slack's incoming web hook body; Mattermost and Rocket.Chat read the same. Slack wants &, < and > escaped. */
    static String slack(String text) {
        String escaped = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
        return TrackerJson.writeString(JsonNodeFactory.instance.objectNode().put("text", escaped));
    }
}
