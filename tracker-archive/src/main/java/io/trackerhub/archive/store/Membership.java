package io.trackerhub.archive.store;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Embeddable;
import jakarta.persistence.EmbeddedId;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;

import java.io.Serializable;

/** A person named in a project's export is a member of it. */
@Entity
@Table(name = "membership")
public class Membership extends PanacheEntityBase {

    @Embeddable
    public record Key(long projectId, long personId) implements Serializable {
    }

    @EmbeddedId
    public Key key;
    public String role;
}
