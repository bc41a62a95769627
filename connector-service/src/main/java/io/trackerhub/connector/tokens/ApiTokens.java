package io.trackerhub.connector.tokens;

import io.quarkus.panache.common.Sort;
import io.trackerhub.kit.secrets.BearerSecrets;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Bearer tokens for the read APIs (Roadmunk, Domo, Planview Viz and the like): 32 random bytes, shown once when
 * created; only their SHA-256 is stored (a random token needs no slow hash: there is nothing to guess from a dictionary).
 */
@ApplicationScoped
class ApiTokens {

    /** Recognisable, so that the token mechanism only looks up its own tokens and secret scanners can find leaked ones. */
    public static final String PREFIX = "hubr_";

    public record ApiToken(long id, String role, String label, Instant createdAt) {
    }

    /** A new token: its row and the token itself, which is not kept. */
    public record Created(ApiToken token, String secret) {
    }

    @Transactional
    public Created create(String role, String label) {
        String secret = BearerSecrets.random(PREFIX);
        Token token = new Token();
        token.role = role;
        token.label = label;
        token.tokenSha256 = BearerSecrets.sha256(secret);
        token.createdAt = Instant.now();
        token.persist();
        return new Created(token.view(), secret);
    }

    @Transactional
    public Optional<ApiToken> find(String secret) {
        return Token.<Token>find("tokenSha256", BearerSecrets.sha256(secret)).firstResultOptional().map(Token::view);
    }

    @Transactional
    public List<ApiToken> list() {
        return Token.<Token>listAll(Sort.by("id")).stream().map(Token::view).toList();
    }

    @Transactional
    public boolean delete(long id) {
        return Token.deleteById(id);
    }
}
