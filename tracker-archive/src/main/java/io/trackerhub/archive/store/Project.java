package io.trackerhub.archive.store;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.Optional;

/** An archived project; its id is Tracker's when the team gave it, else one the archive assigned once. */
@Entity
@Table(name = "project")
public class Project extends PanacheEntityBase {

    @Id
    public long id;
    public String name;
    /** Goes up by one for each story or epic an import adds or changes: the project's activity feed is ordered by it. */
    public long version;
    public Instant importedAt;
    public Instant updatedAt;

    public static Optional<Project> byName(String name) {
        return find("lower(name) = lower(?1)", name).firstResultOptional();
    }
}
