package io.trackerhub.timesheet.auth;

import io.quarkus.security.ForbiddenException;
import io.quarkus.security.identity.SecurityIdentity;
import io.trackerhub.timesheet.users.User;

/**
 * Who is calling: a user (Basic, personal token or session cookie), or the hub admin token (service-kit's
 * mechanism), which is an admin but not a person and so has no timer or entries of its own.
 */
public record Caller(User user, boolean admin) {

    /** Identity attribute holding the {@link User}. */
    public static final String USER_ATTRIBUTE = "timesheet.user";

    public static Caller of(SecurityIdentity identity) {
        User user = identity.getAttribute(USER_ATTRIBUTE);
        return new Caller(user, identity.hasRole(User.ADMIN));
    }

    /** The calling person; the hub admin token gets a 403 that says to log in as a user. */
    public User person() {
        if (user == null) {
            throw new ForbiddenException("the hub admin token is not a person: log in as a user to track time");
        }
        return user;
    }

    public Long userId() {
        return user == null ? null : user.id;
    }

    /** True when this caller may see and change what {@code ownerId} tracked. */
    public boolean mayActFor(long ownerId) {
        return admin || (user != null && user.id == ownerId);
    }
}
