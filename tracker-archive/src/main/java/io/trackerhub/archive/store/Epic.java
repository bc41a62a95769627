package io.trackerhub.archive.store;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;

/** An epic of an archived project (Tracker's id); its stories are those carrying its label. */
@Entity
@Table(name = "epic")
public class Epic extends PanacheEntityBase {

    @Id
    public long id;
    public long projectId;
    public String name;
    public String label;
    public String description;
    public String url;
    public Instant createdAt;
    public Instant updatedAt;
}
