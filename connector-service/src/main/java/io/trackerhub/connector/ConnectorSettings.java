package io.trackerhub.connector;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/** The service's own settings, {@code hub.connector.*} (see the README's configuration table). */
@ConfigMapping(prefix = "hub.connector")
public interface ConnectorSettings {

    /** Calls to external systems and Tracker: connect and answer timeout. */
    @WithDefault("PT10S")
    Duration httpTimeout();

    Satisfaction satisfaction();

    /** Get Satisfaction's API and site (overridable for a self-hosted mirror or tests). */
    interface Satisfaction {
        @WithDefault("https://api.getsatisfaction.com")
        String apiUrl();

        @WithDefault("https://getsatisfaction.com")
        String siteUrl();
    }
}
