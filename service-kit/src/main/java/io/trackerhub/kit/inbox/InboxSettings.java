package io.trackerhub.kit.inbox;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/** {@code hub.inbox.*}. */
@ConfigMapping(prefix = "hub.inbox")
public interface InboxSettings {

    /** How long processed ids are kept: longer than the topic retention a replay reads from. */
    @WithDefault("P30D")
    Duration retention();
}
