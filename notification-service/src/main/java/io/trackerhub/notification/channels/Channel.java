package io.trackerhub.notification.channels;

import io.trackerhub.events.activity.Activity;
import io.trackerhub.notification.messages.ChatText;

import java.time.Instant;
import java.util.List;
import java.util.Set;

/**
 * A chat room or an outbound web hook, with its receiver's URL opened (in memory only: the URL holds the receiver's
 * key). {@code projectIds} null means every project; {@code kinds} null means every activity kind. A URL sealed under
 * a key this service no longer has cannot be opened: {@code url} is null then and {@code secretError} says why; only
 * this channel waits for its URL to be set again.
 */
public record Channel(long id, ChannelType type, String name, List<Long> projectIds, Set<Publish> publish, List<String> kinds,
                      String url, String urlHint, String version, Double ratePerSecond, Instant createdAt, Instant updatedAt,
                      String secretError) {

    /** Whether its URL could be opened. */
    public boolean openable() {
        return url != null;
    }

    /** Why nothing can be sent to it, for the API and the outbox, or empty. */
    public java.util.Optional<String> unopenable() {
        return openable() ? java.util.Optional.empty() : java.util.Optional.of("the channel's URL cannot be opened: " + secretError
                + "; set it again with PUT /api/channels/" + id);
    }

    /** Outbox destination: rate limit and pause state are per channel. */
    public static String destination(long id) {
        return "channel/" + id;
    }

    public String destination() {
        return destination(id);
    }

    /** What operators see in /admin/outbox: never the URL, which holds the key. */
    public String target() {
        return "channel " + id + " (" + type.wire() + ", " + urlHint + ")";
    }

    /** Chat rooms read top-down: one order per room. Web hooks keep Tracker's promise: version order per project. */
    public String orderingKey(long projectId) {
        return type.chat() ? destination() : destination() + "/project/" + projectId;
    }

    public Double effectiveRatePerSecond() {
        return ratePerSecond != null ? ratePerSecond : type.defaultRatePerSecond();
    }

    public boolean takes(Activity activity) {
        if (projectIds != null && !projectIds.contains(activity.projectId())) {
            return false;
        }
        if (type.chat()) {
            return ChatText.of(activity, publish).isPresent();
        }
        if (kinds != null && !kinds.contains(activity.kind())) {
            return false;
        }
        return publish.isEmpty() || ChatText.classify(activity).filter(publish::contains).isPresent();
    }
}
