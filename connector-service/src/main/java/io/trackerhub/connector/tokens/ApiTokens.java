package io.trackerhub.connector.tokens;

import io.trackerhub.connector.Database;
import io.trackerhub.kit.secrets.BearerSecrets;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Bearer tokens for the read APIs (Roadmunk, Domo, Planview Viz and the like): 32 random bytes, shown once when
 * created; only their SHA-256 is stored (a random token needs no slow hash: there is nothing to guess from a dictionary).
 */
@ApplicationScoped
public class ApiTokens {

    /** Recognisable, so that the token mechanism only looks up its own tokens and secret scanners can find leaked ones. */
    public static final String PREFIX = "hubr_";

    public record ApiToken(long id, String role, String label, Instant createdAt) {
    }

    private final Database db;

    public ApiTokens(Database db) {
        this.db = db;
    }

    /** A new token: its row and the token itself, which is not kept. */
    public record Created(ApiToken token, String secret) {
    }

    public Created create(String role, String label) {
        String secret = BearerSecrets.random(PREFIX);
        ApiToken token = db.queryOne("insert into api_token (role, label, token_sha256) values (?, ?, ?) returning id, role, label, created_at", s -> {
            s.setString(1, role);
            s.setString(2, label);
            s.setString(3, BearerSecrets.sha256(secret));
        }, rs -> new ApiToken(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getTimestamp(4).toInstant())).orElseThrow();
        return new Created(token, secret);
    }

    public Optional<ApiToken> find(String secret) {
        return db.queryOne("select id, role, label, created_at from api_token where token_sha256 = ?", s -> s.setString(1, BearerSecrets.sha256(secret)),
                rs -> new ApiToken(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getTimestamp(4).toInstant()));
    }

    public List<ApiToken> list() {
        return db.query("select id, role, label, created_at from api_token order by id", s -> { },
                rs -> new ApiToken(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getTimestamp(4).toInstant()));
    }

    public boolean delete(long id) {
        return db.update("delete from api_token where id = ?", s -> s.setLong(1, id)) == 1;
    }

}
