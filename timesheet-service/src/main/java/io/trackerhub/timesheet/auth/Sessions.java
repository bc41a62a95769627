package io.trackerhub.timesheet.auth;

import io.quarkus.scheduler.Scheduled;
import io.trackerhub.kit.secrets.BearerSecrets;
import io.trackerhub.kit.jdbc.Sql;
import io.trackerhub.timesheet.users.User;
import io.trackerhub.timesheet.users.Users;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Sessions of the web page (cookie {@value #COOKIE}) and personal API tokens, both stored as SHA-256 digests. */
@ApplicationScoped
public class Sessions {

    public static final String COOKIE = "timesheet_session";
    public static final String TOKEN_PREFIX = "tst_";

    /** A personal token as its owner sees it once at creation ({@code token}) and later without it. */
    @com.fasterxml.jackson.databind.annotation.JsonNaming(com.fasterxml.jackson.databind.PropertyNamingStrategies.SnakeCaseStrategy.class)
    @com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL)
    public record Token(long id, String name, String token, Instant createdAt, Instant lastUsedAt) {
    }

    private final Sql sql;
    private final Users users;
    private final Duration sessionLength;

    public Sessions(Sql sql, Users users, @ConfigProperty(name = "hub.timesheet.session-length", defaultValue = "PT12H") Duration sessionLength) {
        this.sql = sql;
        this.users = users;
        this.sessionLength = sessionLength;
    }

    public Duration length() {
        return sessionLength;
    }

    /** A new session for {@code user}; the returned value goes into the cookie and is not stored. */
    public String open(User user) {
        String id = BearerSecrets.random("");
        sql.update("insert into web_session (id_hash, user_id, expires_at) values (?, ?, ?)", BearerSecrets.sha256(id), user.id(),
                Instant.now().plus(sessionLength));
        return id;
    }

    public Optional<User> user(String sessionId) {
        return sql.one("select user_id from web_session where id_hash = ? and expires_at > now()", rs -> rs.getLong(1), BearerSecrets.sha256(sessionId))
                .flatMap(users::find);
    }

    public void close(String sessionId) {
        sql.update("delete from web_session where id_hash = ?", BearerSecrets.sha256(sessionId));
    }

    public Token createToken(User user, String name) {
        String token = BearerSecrets.random(TOKEN_PREFIX);
        long id = sql.insert("insert into api_token (user_id, name, token_hash) values (?, ?, ?) returning id", user.id(), name, BearerSecrets.sha256(token));
        return sql.one("select id, name, created_at, last_used_at from api_token where id = ?",
                rs -> new Token(rs.getLong("id"), rs.getString("name"), token, Sql.instant(rs, "created_at"), null), id).orElseThrow();
    }

    public List<Token> tokens(User user) {
        return sql.list("select id, name, created_at, last_used_at from api_token where user_id = ? order by id",
                rs -> new Token(rs.getLong("id"), rs.getString("name"), null, Sql.instant(rs, "created_at"), Sql.instant(rs, "last_used_at")), user.id());
    }

    public boolean revokeToken(User user, long id) {
        return sql.update("delete from api_token where id = ? and user_id = ?", id, user.id()) == 1;
    }

    public Optional<User> tokenUser(String token) {
        return sql.one("update api_token set last_used_at = now() where token_hash = ? returning user_id", rs -> rs.getLong(1), BearerSecrets.sha256(token))
                .flatMap(users::find);
    }

    @Scheduled(every = "1h", delayed = "1m", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void forgetExpired() {
        sql.update("delete from web_session where expires_at < now()");
    }
}
