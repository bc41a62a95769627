package io.trackerhub.timesheet.users;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.LockModeType;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.Locale;
import java.util.Optional;

/**
 * A person who tracks time (table {@code app_user}); the API shows it as it is, never its password hash.
 * {@code trackerRoot}: assigned to every "Pivotal Tracker" root (the default).
 */
@Entity
@Table(name = "app_user")
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonPropertyOrder({"id", "email", "name", "role", "tracker_root", "created_at"})
public class User extends PanacheEntityBase {

    public static final String ADMIN = "admin";
    public static final String USER = "user";

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;
    /** Stored lower-case. */
    @Column(name = "email")
    public String email;
    @Column(name = "name")
    public String name;
    /** bcrypt. */
    @JsonIgnore
    @Column(name = "password_hash")
    public String passwordHash;
    @Column(name = "role")
    public String role;
    @Column(name = "tracker_root")
    public boolean trackerRoot = true;
    @Column(name = "created_at")
    public Instant createdAt;

    @JsonIgnore
    public boolean isAdmin() {
        return ADMIN.equals(role);
    }

    public static String normalise(String email) {
        return email == null ? null : email.trim().toLowerCase(Locale.ROOT);
    }

    public static Optional<User> byEmail(String email) {
        return find("email", normalise(email)).firstResultOptional();
    }

    /** The user's row, locked until the transaction ends: a user's timer and entries change one request at a time. */
    public static void lock(long id) {
        findByIdOptional(id, LockModeType.PESSIMISTIC_WRITE);
    }
}
