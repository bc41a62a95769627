package io.trackerhub.timesheet.users;

import io.quarkus.runtime.StartupEvent;
import io.trackerhub.timesheet.TimesheetConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

/**
 * The first admin comes from configuration ({@code HUB_TIMESHEET_ADMIN_EMAIL} / {@code _PASSWORD}): created at start
 * when missing; its password follows the configuration (a changed variable is the way to reset it).
 */
@ApplicationScoped
class FirstAdmin {

    private static final Logger LOG = Logger.getLogger(FirstAdmin.class);

    private final Users users;
    private final TimesheetConfig config;

    FirstAdmin(Users users, TimesheetConfig config) {
        this.users = users;
        this.config = config;
    }

    void onStart(@Observes StartupEvent event) {
        users.ensureAdmin(config.adminEmail(), "Administrator", config.adminPassword());
        LOG.infof("first admin: %s", User.normalise(config.adminEmail()));
    }
}
