package io.trackerhub.timesheet;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/** This service's own settings ({@code hub.timesheet.*}); the README's configuration table lists them. */
@ConfigMapping(prefix = "hub.timesheet")
public interface TimesheetConfig {

    /** The first admin's email ({@code HUB_TIMESHEET_ADMIN_EMAIL}); created at start when missing. */
    String adminEmail();

    /** Its password ({@code HUB_TIMESHEET_ADMIN_PASSWORD}); the stored hash follows it. */
    String adminPassword();

    /** How long a page login lasts. */
    @WithDefault("PT12H")
    Duration sessionLength();

    /** How long {@code POST /api/sync} waits for Kafka's acknowledgement. */
    @WithDefault("PT5S")
    Duration syncAckTimeout();
}
