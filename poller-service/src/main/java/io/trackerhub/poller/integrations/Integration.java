package io.trackerhub.poller.integrations;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import org.hibernate.annotations.DynamicUpdate;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A Tracker token and the projects it is polled for (the token sealed by SecretBox). The lease columns are written by
 * {@code sync.Leases} (SQL) while this entity may be loaded, so an update here writes only the columns it changed.
 */
@Entity
@Table(name = "integration")
@DynamicUpdate
public class Integration extends PanacheEntityBase {

    public enum State {
        IMPORTING, OK, ERROR, DISABLED;

        public String wire() {
            return name().toLowerCase(Locale.ROOT);
        }

        public static State of(String wire) {
            return valueOf(wire.toUpperCase(Locale.ROOT));
        }
    }

    // a sequence, not identity: the id is known before the insert, and the token is sealed under it
    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "integration_id")
    @SequenceGenerator(name = "integration_id", sequenceName = "integration_id_seq", allocationSize = 1)
    @Column(name = "id")
    public Long id;
    @Column(name = "name")
    public String name;
    @Column(name = "base_url")
    public String baseUrl;
    /** Empty: every project the token can see. */
    @Column(name = "project_ids")
    @JdbcTypeCode(SqlTypes.ARRAY)
    public List<Long> projectIds = new ArrayList<>();
    @Column(name = "sync_interval")
    @Convert(converter = IsoDuration.class)
    public Duration syncInterval;
    /** Null once the integration is unlinked. */
    @Column(name = "token_sealed")
    public String tokenSealed;
    @Column(name = "state")
    @Convert(converter = StateColumn.class)
    public State state;
    @Column(name = "last_error")
    public String lastError;
    @Column(name = "last_sync_at")
    public Instant lastSyncAt;
    // the database's clock at insert (default now()), as the lease queries compare with it
    @Column(name = "next_sync_at", insertable = false)
    public Instant nextSyncAt;
    @Column(name = "notifications_since")
    public Instant notificationsSince;
    /** Written by {@code sync.Leases}; here only cleared when the integration is unlinked. */
    @Column(name = "lease_owner", insertable = false)
    public String leaseOwner;
    @Column(name = "lease_until", insertable = false)
    public Instant leaseUntil;
    @Column(name = "created_at", insertable = false, updatable = false)
    public Instant createdAt;
    @Column(name = "updated_at", insertable = false)
    public Instant updatedAt;

    /** The {@link io.trackerhub.kit.secrets.SecretBox} context of this integration's token. */
    public static String tokenContext(long id) {
        return "integration/" + id + "/tracker-token";
    }

    public boolean allProjects() {
        return projectIds.isEmpty();
    }

    /** {@code sync_interval} as written: ISO-8601, e.g. {@code PT1H}. */
    static final class IsoDuration implements AttributeConverter<Duration, String> {
        @Override
        public String convertToDatabaseColumn(Duration duration) {
            return duration == null ? null : duration.toString();
        }

        @Override
        public Duration convertToEntityAttribute(String text) {
            return text == null ? null : Duration.parse(text);
        }
    }

    /** {@code state} as the table's check constraint spells it: lower case. */
    static final class StateColumn implements AttributeConverter<State, String> {
        @Override
        public String convertToDatabaseColumn(State state) {
            return state == null ? null : state.wire();
        }

        @Override
        public State convertToEntityAttribute(String wire) {
            return wire == null ? null : State.of(wire);
        }
    }
}
