package io.trackerhub.timesheet.users;

import io.quarkus.elytron.security.common.BcryptUtil;
import io.trackerhub.kit.errors.ProblemException;
import io.trackerhub.kit.jdbc.Sql;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** Users in table {@code app_user}; passwords only as bcrypt hashes. */
@ApplicationScoped
public class Users {

    static final String COLUMNS = "id, email, name, role, tracker_root, created_at";

    private final Sql sql;

    public Users(Sql sql) {
        this.sql = sql;
    }

    public static String normalise(String email) {
        return email == null ? null : email.trim().toLowerCase(Locale.ROOT);
    }

    @Transactional
    public User create(String email, String name, String password, String role) {
        String normalised = normalise(email);
        if (sql.count("select count(*) from app_user where email = ?", normalised) > 0) {
            throw ProblemException.conflict("a user with email " + normalised + " exists already");
        }
        long id = sql.insert("insert into app_user (email, name, password_hash, role) values (?, ?, ?, ?) returning id",
                normalised, name.trim(), BcryptUtil.bcryptHash(password), role);
        return find(id).orElseThrow();
    }

    public Optional<User> find(long id) {
        return sql.one("select " + COLUMNS + " from app_user where id = ?", Users::read, id);
    }

    public Optional<User> findByEmail(String email) {
        return sql.one("select " + COLUMNS + " from app_user where email = ?", Users::read, normalise(email));
    }

    public List<User> list() {
        return sql.list("select " + COLUMNS + " from app_user order by id", Users::read);
    }

    /** The user whose email and password these are; empty for a wrong one (bcrypt, so this takes ~0.1 s). */
    public Optional<User> check(String email, String password) {
        Optional<String> hash = sql.one("select password_hash from app_user where email = ?", rs -> rs.getString(1), normalise(email));
        if (hash.isEmpty() || password == null || !BcryptUtil.matches(password, hash.get())) {
            return Optional.empty();
        }
        return findByEmail(email);
    }

    /** Sets the configured first admin's password and role; creates the user when missing. */
    @Transactional
    public void ensureAdmin(String email, String name, String password) {
        String normalised = normalise(email);
        Optional<String> hash = sql.one("select password_hash from app_user where email = ?", rs -> rs.getString(1), normalised);
        if (hash.isEmpty()) {
            sql.update("insert into app_user (email, name, password_hash, role) values (?, ?, ?, 'admin') on conflict (email) do nothing",
                    normalised, name, BcryptUtil.bcryptHash(password));
        } else {
            if (!BcryptUtil.matches(password, hash.get())) {
                sql.update("update app_user set password_hash = ? where email = ?", BcryptUtil.bcryptHash(password), normalised);
            }
            sql.update("update app_user set role = 'admin' where email = ?", normalised);
        }
    }

    public void setTrackerRoot(long userId, boolean value) {
        sql.update("update app_user set tracker_root = ? where id = ?", value, userId);
    }

    static User read(ResultSet rs) throws SQLException {
        return new User(rs.getLong("id"), rs.getString("email"), rs.getString("name"), rs.getString("role"),
                rs.getBoolean("tracker_root"), Sql.instant(rs, "created_at"));
    }
}
