package io.trackerhub.connector.ledger;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;

import java.io.Serializable;
import java.time.Instant;

/** One id a connector wrote itself (table {@code ledger}; the three columns are the key). */
@Entity
@Table(name = "ledger")
@IdClass(LedgerEntry.Key.class)
class LedgerEntry extends PanacheEntityBase {

    record Key(long connectorId, String kind, String ref) implements Serializable {
    }

    @Id
    @Column(name = "connector_id", nullable = false)
    public long connectorId;
    @Id
    @Column(name = "kind", nullable = false)
    public String kind;
    @Id
    @Column(name = "ref", nullable = false)
    public String ref;
    @Column(name = "created_at", nullable = false)
    public Instant createdAt;
}
