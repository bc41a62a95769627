package io.trackerhub.notification.channels;

import java.util.List;
import java.util.Set;

/** A channel as asked for, already validated; {@code url} null on an update keeps the stored one. */
public record ChannelSpec(ChannelType type, String name, List<Long> projectIds, Set<Publish> publish, List<String> kinds,
                          String url, String version, Double ratePerSecond) {
}
