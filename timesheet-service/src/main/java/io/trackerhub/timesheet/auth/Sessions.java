package io.trackerhub.timesheet.auth;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.quarkus.panache.common.Sort;
import io.quarkus.scheduler.Scheduled;
import io.trackerhub.kit.secrets.BearerSecrets;
import io.trackerhub.timesheet.TimesheetConfig;
import io.trackerhub.timesheet.users.User;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

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
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Token(long id, String name, String token, Instant createdAt, Instant lastUsedAt) {

        static Token of(ApiToken stored, String token) {
            return new Token(stored.id, stored.name, token, stored.createdAt, stored.lastUsedAt);
        }
    }

    private final Duration sessionLength;

    public Sessions(TimesheetConfig config) {
        this.sessionLength = config.sessionLength();
    }

    public Duration length() {
        return sessionLength;
    }

    /** A new session for {@code user}; the returned value goes into the cookie and is not stored. */
    @Transactional
    public String open(User user) {
        String id = BearerSecrets.random("");
        WebSession session = new WebSession();
        session.idHash = BearerSecrets.sha256(id);
        session.userId = user.id;
        session.createdAt = Instant.now();
        session.expiresAt = session.createdAt.plus(sessionLength);
        session.persist();
        return id;
    }

    @Transactional
    public Optional<User> user(String sessionId) {
        return WebSession.<WebSession>find("idHash = ?1 and expiresAt > ?2", BearerSecrets.sha256(sessionId), Instant.now())
                .firstResultOptional().flatMap(s -> User.findByIdOptional(s.userId));
    }

    @Transactional
    public void close(String sessionId) {
        WebSession.delete("idHash", BearerSecrets.sha256(sessionId));
    }

    @Transactional
    public Token createToken(User user, String name) {
        String token = BearerSecrets.random(TOKEN_PREFIX);
        ApiToken stored = new ApiToken();
        stored.userId = user.id;
        stored.name = name;
        stored.tokenHash = BearerSecrets.sha256(token);
        stored.createdAt = Instant.now();
        stored.persist();
        return Token.of(stored, token);
    }

    @Transactional
    public List<Token> tokens(User user) {
        return ApiToken.<ApiToken>list("userId", Sort.by("id"), user.id).stream().map(t -> Token.of(t, null)).toList();
    }

    @Transactional
    public boolean revokeToken(User user, long id) {
        return ApiToken.delete("id = ?1 and userId = ?2", id, user.id) == 1;
    }

    /** The token's user; the token's last use is noted. */
    @Transactional
    public Optional<User> tokenUser(String token) {
        Optional<ApiToken> stored = ApiToken.find("tokenHash", BearerSecrets.sha256(token)).firstResultOptional();
        stored.ifPresent(t -> t.lastUsedAt = Instant.now());
        return stored.flatMap(t -> User.findByIdOptional(t.userId));
    }

    @Scheduled(every = "1h", delayed = "1m", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    @Transactional
    void forgetExpired() {
        WebSession.delete("expiresAt < ?1", Instant.now());
    }
}
