package io.trackerhub.connector.tokens;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;

/** A read API token as table {@code api_token} holds it: its SHA-256, never the token. */
@Entity
@Table(name = "api_token")
class Token extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;
    @Column(name = "role", nullable = false)
    public String role;
    @Column(name = "label", nullable = false)
    public String label;
    @Column(name = "token_sha256", nullable = false, unique = true)
    public String tokenSha256;
    @Column(name = "created_at", nullable = false)
    public Instant createdAt;
    @Column(name = "last_used_at")
    public Instant lastUsedAt;

    ApiTokens.ApiToken view() {
        return new ApiTokens.ApiToken(id, role, label, createdAt);
    }
}
