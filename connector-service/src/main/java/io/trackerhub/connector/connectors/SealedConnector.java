package io.trackerhub.connector.connectors;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;

/**
 * A connector as table {@code connector} holds it: the Tracker token and the secret settings sealed by SecretBox
 * (their context names the id, so the id is drawn from the sequence before the row is written).
 */
@Entity
@Table(name = "connector")
class SealedConnector extends PanacheEntityBase {

    /** Drawn from {@code connector_id_seq} before the row is written ({@link Connectors#create}). */
    @Id
    @Column(name = "id")
    public Long id;
    @Column(name = "type", nullable = false)
    public String type;
    @Column(name = "name", nullable = false)
    public String name;
    @Column(name = "tracker_base_url", nullable = false)
    public String trackerBaseUrl;
    @Column(name = "tracker_project_id", nullable = false)
    public long trackerProjectId;
    @Column(name = "tracker_token", nullable = false)
    public String trackerToken;
    /** The settings that are not secret, as JSON. */
    @Column(name = "config", nullable = false)
    public String config;
    /** The secret settings as one sealed JSON object, or null. */
    @Column(name = "secrets")
    public String secrets;
    @Column(name = "state", nullable = false)
    public String state;
    @Column(name = "state_reason")
    public String stateReason;
    @Column(name = "state_changed_at")
    public Instant stateChangedAt;
    @Column(name = "created_at", nullable = false)
    public Instant createdAt;
    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;
}
