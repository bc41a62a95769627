package io.trackerhub.timesheet.auth;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;

/** A login of the page (table {@code web_session}), kept as the SHA-256 of its cookie value. */
@Entity
@Table(name = "web_session")
class WebSession extends PanacheEntityBase {

    @Id
    @Column(name = "id_hash")
    public String idHash;
    @Column(name = "user_id")
    public long userId;
    @Column(name = "created_at")
    public Instant createdAt;
    @Column(name = "expires_at")
    public Instant expiresAt;
}
