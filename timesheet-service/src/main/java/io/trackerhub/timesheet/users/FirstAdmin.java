package io.trackerhub.timesheet.users;

import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * The first admin comes from configuration ({@code HUB_TIMESHEET_ADMIN_EMAIL} / {@code _PASSWORD}): created at start
 * when missing; its password follows the configuration (a changed variable is the way to reset it).
 */
@ApplicationScoped
public class FirstAdmin {

    private static final Logger LOG = Logger.getLogger(FirstAdmin.class);

    private final Users users;
    private final String email;
    private final String password;

    public FirstAdmin(Users users, @ConfigProperty(name = "hub.timesheet.admin-email") String email,
                      @ConfigProperty(name = "hub.timesheet.admin-password") String password) {
        this.users = users;
        this.email = email;
        this.password = password;
    }

    void onStart(@Observes StartupEvent event) {
        users.ensureAdmin(email, "Administrator", password);
        LOG.infof("first admin: %s", Users.normalise(email));
    }
}
