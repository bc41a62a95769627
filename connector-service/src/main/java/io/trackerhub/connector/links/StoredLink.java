package io.trackerhub.connector.links;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.hibernate.annotations.Formula;

import java.time.Instant;

/** A link as table {@code link} holds it; {@link Link} is what the rest of the service passes around. */
@Entity
@Table(name = "link")
class StoredLink extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;
    @Column(name = "connector_id", nullable = false)
    public long connectorId;
    /** The connector's type, read with the row (the API shows it with every link). */
    @Formula("(select c.type from connector c where c.id = connector_id)")
    public String connectorType;
    @Column(name = "project_id", nullable = false)
    public long projectId;
    @Column(name = "story_id", nullable = false)
    public long storyId;
    @Column(name = "external_id", nullable = false)
    public String externalId;
    @Column(name = "external_url")
    public String externalUrl;
    @Column(name = "title")
    public String title;
    @Column(name = "problem")
    public String problem;
    @Column(name = "problem_at")
    public Instant problemAt;
    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    Link link() {
        return new Link(id, connectorId, connectorType, projectId, storyId, externalId, externalUrl, title, problem, problemAt, createdAt);
    }
}
