package io.trackerhub.notification.channels;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import io.trackerhub.events.activity.Activity;
import io.trackerhub.notification.messages.ChatText;
import io.trackerhub.notification.messages.Publish;
import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Converter;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Transient;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import java.time.Instant;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A chat room or an outbound web hook (table {@code channel}). {@code projectIds} null means every project;
 * {@code kinds} null means every activity kind. Its receiver's URL holds the receiver's key: the row keeps it sealed
 * ({@code urlSealed}, opened by {@link Channels} into {@code url}, in memory only). A URL sealed under a key this
 * service no longer has cannot be opened: {@code url} is null then and {@code secretError} says why; only this
 * channel waits for its URL to be set again. Channels are read far more than written: {@link Channels} holds them.
 */
@Entity
@Table(name = "channel")
public class Channel extends PanacheEntityBase {

    /** The kind of service-kit backfill that delivers a channel's past activity. */
    public static final String BACKFILL = "channel";

    @Id
    @Column(name = "id")
    public Long id;

    @Convert(converter = ChannelType.Column.class)
    @Column(name = "type", nullable = false)
    public ChannelType type;

    @Column(name = "name", nullable = false)
    public String name;

    @JdbcTypeCode(SqlTypes.ARRAY)
    @Column(name = "project_ids")
    public List<Long> projectIds;

    @Convert(converter = PublishColumn.class)
    @Column(name = "publish", nullable = false)
    public Set<Publish> publish = EnumSet.noneOf(Publish.class);

    @JdbcTypeCode(SqlTypes.ARRAY)
    @Column(name = "kinds")
    public List<String> kinds;

    @Column(name = "url_sealed", nullable = false)
    public String urlSealed;

    /** What the API shows instead of the URL: scheme and host only. */
    @Column(name = "url_hint", nullable = false)
    public String urlHint;

    @Column(name = "version")
    public String version;

    @Column(name = "rate_per_second")
    public Double ratePerSecond;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;

    /** The receiver's URL, opened: never stored, never shown. */
    @Transient
    public String url;

    /** Why {@code urlSealed} could not be opened, or null. */
    @Transient
    public String secretError;

    /** Whether its URL could be opened. */
    public boolean openable() {
        return url != null;
    }

    /** Why nothing can be sent to it, for the API and the outbox, or empty. */
    public Optional<String> unopenable() {
        return openable() ? Optional.empty() : Optional.of("the channel's URL cannot be opened: " + secretError
                + "; set it again with PUT /api/channels/" + id);
    }

    /** Outbox destination: rate limit and pause state are per channel. */
    public static String destination(long id) {
        return "channel/" + id;
    }

    public String destination() {
        return destination(id);
    }

    /** What operators see in /admin/outbox: never the URL, which holds the key. */
    public String target() {
        return "channel " + id + " (" + type.wire() + ", " + urlHint + ")";
    }

    /** Chat rooms read top-down: one order per room. Web hooks keep Tracker's promise: version order per project. */
    public String orderingKey(long projectId) {
        return type.chat() ? destination() : destination() + "/project/" + projectId;
    }

    public Double effectiveRatePerSecond() {
        return ratePerSecond != null ? ratePerSecond : type.defaultRatePerSecond();
    }

    public boolean takes(Activity activity) {
        if (projectIds != null && !projectIds.contains(activity.projectId())) {
            return false;
        }
        if (type.chat()) {
            return ChatText.of(activity, publish).isPresent();
        }
        if (kinds != null && !kinds.contains(activity.kind())) {
            return false;
        }
        return publish.isEmpty() || ChatText.classify(activity).filter(publish::contains).isPresent();
    }

    /** {@code publish text[]}: the options' wire names; a name this version does not know is left out. */
    @Converter
    public static class PublishColumn implements AttributeConverter<Set<Publish>, String[]> {
        @Override
        public String[] convertToDatabaseColumn(Set<Publish> publish) {
            return publish == null ? new String[0] : publish.stream().sorted().map(Publish::wire).toArray(String[]::new);
        }

        @Override
        public Set<Publish> convertToEntityAttribute(String[] wire) {
            Set<Publish> publish = EnumSet.noneOf(Publish.class);
            if (wire != null) {
                Arrays.stream(wire).map(Publish::of).flatMap(Optional::stream).forEach(publish::add);
            }
            return Set.copyOf(publish);
        }
    }
}
