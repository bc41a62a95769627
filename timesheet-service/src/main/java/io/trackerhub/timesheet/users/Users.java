package io.trackerhub.timesheet.users;

import io.quarkus.elytron.security.common.BcryptUtil;
import io.trackerhub.kit.errors.ProblemException;
import io.trackerhub.kit.jdbc.Sql;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Users ({@link User}); passwords only as bcrypt hashes. */
@ApplicationScoped
public class Users {

    private final Sql sql;

    public Users(Sql sql) {
        this.sql = sql;
    }

    @Transactional
    public User create(String email, String name, String password, String role) {
        String normalised = User.normalise(email);
        if (User.count("email", normalised) > 0) {
            throw ProblemException.conflict("a user with email " + normalised + " exists already");
        }
        User user = new User();
        user.email = normalised;
        user.name = name.trim();
        user.passwordHash = BcryptUtil.bcryptHash(password);
        user.role = role;
        user.createdAt = Instant.now();
        user.persist();
        return user;
    }

    @Transactional
    public Optional<User> find(long id) {
        return User.findByIdOptional(id);
    }

    @Transactional
    public List<User> list() {
        return User.listAll(io.quarkus.panache.common.Sort.by("id"));
    }

    /** The user whose email and password these are; empty for a wrong one (bcrypt, so this takes ~0.1 s). */
    @Transactional
    public Optional<User> check(String email, String password) {
        return User.byEmail(email).filter(u -> password != null && BcryptUtil.matches(password, u.passwordHash));
    }

    /** Sets the configured first admin's password and role; creates the user when missing. */
    @Transactional
    public void ensureAdmin(String email, String name, String password) {
        Optional<User> existing = User.byEmail(email);
        if (existing.isEmpty()) {
            // SQL for "on conflict do nothing": replicas starting together each try to create the first admin
            sql.update("insert into app_user (email, name, password_hash, role, tracker_root, created_at) values (?, ?, ?, ?, true, now()) "
                    + "on conflict (email) do nothing", User.normalise(email), name, BcryptUtil.bcryptHash(password), User.ADMIN);
            return;
        }
        User admin = existing.get();
        if (!BcryptUtil.matches(password, admin.passwordHash)) {
            admin.passwordHash = BcryptUtil.bcryptHash(password);
        }
        admin.role = User.ADMIN;
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void setTrackerRoot(long userId, boolean value) {
        User.<User>findByIdOptional(userId).ifPresent(u -> u.trackerRoot = value);
    }
}
