package io.trackerhub.notification.channels;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** Where a channel posts: a Slack-compatible incoming web hook, a Campfire bot URL, or Tracker's Activity Web Hook. */
public enum ChannelType {
    SLACK(1.0), CAMPFIRE(1.0), WEBHOOK(null);

    /** Rate limit when the channel names none: chat rooms take about one message a second; web hooks are not limited. */
    private final Double defaultRatePerSecond;

    ChannelType(Double defaultRatePerSecond) {
        this.defaultRatePerSecond = defaultRatePerSecond;
    }

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    public boolean chat() {
        return this != WEBHOOK;
    }

    public Double defaultRatePerSecond() {
        return defaultRatePerSecond;
    }

    public static Optional<ChannelType> of(String wire) {
        return Arrays.stream(values()).filter(t -> t.wire().equals(wire)).findFirst();
    }
}
