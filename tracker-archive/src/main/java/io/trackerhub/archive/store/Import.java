package io.trackerhub.archive.store;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import java.time.Instant;

/** One import of an export into a project, with what it read. */
@Entity
@Table(name = "import")
public class Import extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;
    public long projectId;
    public String fileName;
    /** The report as JSON text, stored as jsonb. */
    @JdbcTypeCode(SqlTypes.JSON)
    public String report;
    public Instant importedAt;
}
