package io.trackerhub.notification.channels;

import io.trackerhub.notification.messages.Publish;

import java.time.Instant;
import java.util.List;
import java.util.Set;

/** A channel as asked for, already validated; {@code url} null on an update keeps the stored one. */
public record ChannelSpec(ChannelType type, String name, List<Long> projectIds, Set<Publish> publish, List<String> kinds,
                          String url, String version, Double ratePerSecond) {

    /** Its settings on the row (not the URL: {@link Channels} seals that). */
    void applyTo(Channel channel, Instant now) {
        channel.type = type;
        channel.name = name;
        channel.projectIds = projectIds;
        channel.publish = Set.copyOf(publish);
        channel.kinds = kinds;
        channel.version = version;
        channel.ratePerSecond = ratePerSecond;
        channel.updatedAt = now;
    }
}
