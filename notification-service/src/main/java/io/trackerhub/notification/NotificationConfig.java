package io.trackerhub.notification;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/** This service's own settings ({@code hub.notification.*}); the outbox's ({@code hub.outbox.*}) are service-kit's. */
@ConfigMapping(prefix = "hub.notification")
public interface NotificationConfig {

    /** HTTP request timeout of a send to a chat room or web hook receiver (the outbox cuts an attempt off later). */
    @WithDefault("PT10S")
    Duration sendTimeout();

    /** How often channels changed through another replica are reloaded (read by {@code Channels.refresh}'s schedule). */
    @WithDefault("5s")
    Duration channelsRefresh();
}
