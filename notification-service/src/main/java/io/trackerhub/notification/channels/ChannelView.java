package io.trackerhub.notification.channels;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.trackerhub.kit.outbox.Destination;
import io.trackerhub.kit.backfill.Backfills;
import io.trackerhub.notification.messages.Publish;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A channel as the API shows it: the URL masked to its scheme and host, and whether delivery is paused and why.
 * {@code state} is {@code needs_secret} (with {@code secret_error}) when its URL was sealed under a key this service
 * no longer has, {@code paused} or {@code active} otherwise.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record ChannelView(long id, String type, String name, List<Long> projectIds, List<String> publish, List<String> kinds,
                          Map<String, String> config, Double ratePerSecond, String state, String secretError, Instant failingSince,
                          Instant pausedAt, String pauseReason, Backfills.Status backfill,
                          Instant createdAt, Instant updatedAt) {

    static ChannelView of(Channel c, Destination d, Backfills.Status backfill) {
        Map<String, String> config = new LinkedHashMap<>();
        config.put("url", c.urlHint);
        if (c.version != null) {
            config.put("version", c.version);
        }
        return new ChannelView(c.id, c.type.wire(), c.name, c.projectIds,
                c.publish.stream().sorted().map(Publish::wire).toList(), c.kinds, config, c.effectiveRatePerSecond(),
                !c.openable() ? "needs_secret" : d.paused() ? "paused" : "active", c.unopenable().orElse(null), d.failingSince(),
                d.pausedAt(), d.pauseReason(), backfill, c.createdAt, c.updatedAt);
    }
}
