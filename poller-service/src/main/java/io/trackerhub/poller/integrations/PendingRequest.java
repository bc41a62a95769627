package io.trackerhub.poller.integrations;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;

/** A command from {@code hub.sync-requests} (force, gap) waiting for its integration's next run. */
@Entity
@Table(name = "sync_request")
public class PendingRequest extends PanacheEntityBase {

    public static final String FORCE = "force";
    public static final String GAP = "gap";

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    @Column(name = "id")
    public Long id;
    @Column(name = "integration_id")
    public long integrationId;
    @Column(name = "reason")
    public String reason;
    @Column(name = "project_id")
    public Long projectId;
    @Column(name = "from_version")
    public Long fromVersion;
    @Column(name = "to_version")
    public Long toVersion;
    @Column(name = "requested_at")
    public Instant requestedAt;
    @Column(name = "received_at", insertable = false, updatable = false)
    public Instant receivedAt;

    public boolean isGap() {
        return GAP.equals(reason) && projectId != null && fromVersion != null && toVersion != null;
    }
}
