package io.trackerhub.timesheet.users;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

import java.time.Instant;

/** A person who tracks time. {@code trackerRoot}: assigned to every "Pivotal Tracker" root (the default). */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record User(long id, String email, String name, String role, boolean trackerRoot, Instant createdAt) {

    public static final String ADMIN = "admin";
    public static final String USER = "user";

    public boolean isAdmin() {
        return ADMIN.equals(role);
    }
}
