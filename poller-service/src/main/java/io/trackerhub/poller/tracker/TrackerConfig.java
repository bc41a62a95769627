package io.trackerhub.poller.tracker;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.trackerhub.events.rest.TrackerHttp;

import java.time.Duration;

/** The {@code hub.tracker.*} settings: where Tracker is by default, and how each request is cut off and retried. */
@ConfigMapping(prefix = "hub.tracker")
public interface TrackerConfig {

    /** The default {@code base_url} of new integrations. */
    @WithDefault(TrackerHttp.BASE_URL)
    String baseUrl();

    @WithDefault("PT30S")
    Duration requestTimeout();

    /** 429, 5xx and timeouts are tried up to this many times, then the cycle is given up. */
    @WithDefault("6")
    int maxAttempts();

    @WithDefault("PT0.5S")
    Duration retryBaseDelay();

    @WithDefault("PT30S")
    Duration retryMaxDelay();
}
