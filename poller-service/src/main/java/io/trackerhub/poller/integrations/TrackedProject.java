package io.trackerhub.poller.integrations;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Basic;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import org.hibernate.annotations.DynamicUpdate;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import java.io.Serializable;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A project an integration polls: its cursor and how its last sync went. The cursor and the story ids move only
 * with the lease check in {@link Integrations#advance} (SQL), so an update here writes only the columns it changed.
 */
@Entity
@Table(name = "project")
@IdClass(TrackedProject.Key.class)
@DynamicUpdate
public class TrackedProject extends PanacheEntityBase {

    public static final String PENDING = "pending";
    public static final String OK = "ok";
    public static final String FORBIDDEN = "forbidden";
    public static final String GONE = "gone";

    @Id
    @Column(name = "integration_id")
    public long integrationId;
    @Id
    @Column(name = "project_id")
    public long projectId;
    @Column(name = "name")
    public String name;
    /** Null until the first import finished. */
    @Column(name = "cursor_version", insertable = false, updatable = false)
    public Long cursorVersion;
    @Column(name = "state")
    public String state = PENDING;
    @Column(name = "last_error")
    public String lastError;
    @Column(name = "history_fallback_at")
    public Instant historyFallbackAt;
    /** Every story id last seen; read only where needed (a project may have many thousands). */
    @Basic(fetch = FetchType.LAZY)
    @Column(name = "story_ids", insertable = false, updatable = false)
    @JdbcTypeCode(SqlTypes.ARRAY)
    public List<Long> storyIds;
    @Column(name = "synced_at", insertable = false, updatable = false)
    public Instant syncedAt;
    @Column(name = "updated_at", insertable = false)
    public Instant updatedAt;
    @Column(name = "import_version")
    public Long importVersion;

    public boolean imported() {
        return cursorVersion != null;
    }

    /** The primary key: the integration and Tracker's project id. */
    public static class Key implements Serializable {
        public long integrationId;
        public long projectId;

        public Key() {
        }

        public Key(long integrationId, long projectId) {
            this.integrationId = integrationId;
            this.projectId = projectId;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && k.integrationId == integrationId && k.projectId == projectId;
        }

        @Override
        public int hashCode() {
            return Objects.hash(integrationId, projectId);
        }
    }
}
