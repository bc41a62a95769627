package io.trackerhub.kit.outbox;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.agroal.api.AgroalDataSource;
import io.quarkus.arc.properties.IfBuildProperty;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The outbox table: a service queues an external call in the transaction of the effect that causes it
 * ({@link #enqueue}); the {@link OutboxDispatcher} sends it afterwards. Operators see and retry failed
 * deliveries through {@link #list} and {@link #retry} (also {@code /admin/outbox}).
 */
@ApplicationScoped
@IfBuildProperty(name = "quarkus.datasource.db-kind", stringValue = "postgresql")
public class Outbox {

    private static final TypeReference<Map<String, String>> HEADERS = new TypeReference<>() {
    };
    private static final String COLUMNS = "id, channel, target, dedup_key, payload, headers, status, attempts, max_attempts, "
            + "next_attempt_at, last_error, last_status, created_at, delivered_at";

    private final AgroalDataSource dataSource;
    private final ObjectMapper json;
    private final int maxAttempts;

    public Outbox(AgroalDataSource dataSource, ObjectMapper json,
                  @ConfigProperty(name = "hub.outbox.max-attempts", defaultValue = "12") int maxAttempts) {
        this.dataSource = dataSource;
        this.json = json;
        this.maxAttempts = maxAttempts;
    }

    /**
     * Queues a delivery in the caller's transaction. Returns its id, or empty when a delivery with the same
     * channel and dedup key is already queued (the effect was applied before).
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public Optional<Long> enqueue(Delivery.Request request) {
        String sql = "insert into kit_outbox (channel, target, dedup_key, payload, headers, max_attempts) values (?, ?, ?, ?, ?, ?) "
                + "on conflict (channel, dedup_key) do nothing returning id";
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            s.setString(1, request.channel());
            s.setString(2, request.target());
            if (request.dedupKey() == null) {
                s.setNull(3, Types.VARCHAR);
            } else {
                s.setString(3, request.dedupKey());
            }
            s.setString(4, request.payload());
            s.setString(5, json.writeValueAsString(request.headers()));
            s.setInt(6, maxAttempts);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() ? Optional.of(rs.getLong(1)) : Optional.empty();
            }
        } catch (SQLException | JsonProcessingException e) {
            throw new IllegalStateException("outbox could not queue a " + request.channel() + " delivery: " + e.getMessage(), e);
        }
    }

    public Optional<Delivery> find(long id) {
        List<Delivery> found = query("select " + COLUMNS + " from kit_outbox where id = ?", s -> s.setLong(1, id));
        return found.stream().findFirst();
    }

    /** Newest first; {@code status} null lists every status. */
    public List<Delivery> list(Delivery.Status status, int limit) {
        if (status == null) {
            return query("select " + COLUMNS + " from kit_outbox order by id desc limit ?", s -> s.setInt(1, limit));
        }
        return query("select " + COLUMNS + " from kit_outbox where status = ? order by id desc limit ?", s -> {
            s.setString(1, status.column());
            s.setInt(2, limit);
        });
    }

    public Map<Delivery.Status, Long> countByStatus() {
        Map<Delivery.Status, Long> counts = new java.util.EnumMap<>(Delivery.Status.class);
        for (Delivery.Status status : Delivery.Status.values()) {
            counts.put(status, 0L);
        }
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement("select status, count(*) from kit_outbox group by status");
             ResultSet rs = s.executeQuery()) {
            while (rs.next()) {
                counts.put(Delivery.Status.of(rs.getString(1)), rs.getLong(2));
            }
            return counts;
        } catch (SQLException e) {
            throw new IllegalStateException("outbox count failed: " + e.getMessage(), e);
        }
    }

    /** Puts a failed delivery back in the queue with a fresh set of attempts; false if it is not failed. */
    public boolean retry(long id) {
        return update("update kit_outbox set status = 'pending', attempts = 0, next_attempt_at = now(), updated_at = now() "
                + "where id = ? and status = 'failed'", s -> s.setLong(1, id)) == 1;
    }

    /** Takes up to {@code limit} due deliveries for sending, leasing them for {@code lease} against other replicas. */
    List<Delivery> claimDue(int limit, Duration lease) {
        String sql = "update kit_outbox set status = 'sending', attempts = attempts + 1, updated_at = now(), "
                + "next_attempt_at = now() + make_interval(secs => ?) "
                + "where id in (select id from kit_outbox where status in ('pending', 'sending') and next_attempt_at <= now() "
                + "order by next_attempt_at limit ? for update skip locked) returning " + COLUMNS;
        return query(sql, s -> {
            s.setDouble(1, lease.toMillis() / 1000.0);
            s.setInt(2, limit);
        });
    }

    void markDelivered(long id, Integer httpStatus) {
        update("update kit_outbox set status = 'delivered', delivered_at = now(), updated_at = now(), last_error = null, last_status = ? "
                + "where id = ?", s -> {
            setNullableInt(s, 1, httpStatus);
            s.setLong(2, id);
        });
    }

    void markForRetry(long id, Instant nextAttemptAt, String error, Integer httpStatus) {
        update("update kit_outbox set status = 'pending', next_attempt_at = ?, last_error = ?, last_status = ?, updated_at = now() "
                + "where id = ?", s -> {
            s.setTimestamp(1, Timestamp.from(nextAttemptAt));
            s.setString(2, error);
            setNullableInt(s, 3, httpStatus);
            s.setLong(4, id);
        });
    }

    void markFailed(long id, String error, Integer httpStatus) {
        update("update kit_outbox set status = 'failed', last_error = ?, last_status = ?, updated_at = now() where id = ?", s -> {
            s.setString(1, error);
            setNullableInt(s, 2, httpStatus);
            s.setLong(3, id);
        });
    }

    private interface Binder {
        void bind(PreparedStatement statement) throws SQLException;
    }

    private int update(String sql, Binder binder) {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            binder.bind(s);
            return s.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("outbox update failed: " + e.getMessage(), e);
        }
    }

    private List<Delivery> query(String sql, Binder binder) {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            binder.bind(s);
            List<Delivery> rows = new ArrayList<>();
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    rows.add(read(rs));
                }
            }
            return rows;
        } catch (SQLException e) {
            throw new IllegalStateException("outbox query failed: " + e.getMessage(), e);
        }
    }

    private Delivery read(ResultSet rs) throws SQLException {
        Map<String, String> headers;
        try {
            headers = json.readValue(rs.getString("headers"), HEADERS);
        } catch (JsonProcessingException e) {
            headers = Map.of();
        }
        Integer lastStatus = rs.getObject("last_status", Integer.class);
        return new Delivery(rs.getLong("id"), rs.getString("channel"), rs.getString("target"), rs.getString("dedup_key"),
                rs.getString("payload"), headers, Delivery.Status.of(rs.getString("status")), rs.getInt("attempts"),
                rs.getInt("max_attempts"), instant(rs, "next_attempt_at"), rs.getString("last_error"),
                lastStatus, instant(rs, "created_at"), instant(rs, "delivered_at"));
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp t = rs.getTimestamp(column);
        return t == null ? null : t.toInstant();
    }

    private static void setNullableInt(PreparedStatement s, int index, Integer value) throws SQLException {
        if (value == null) {
            s.setNull(index, Types.INTEGER);
        } else {
            s.setInt(index, value);
        }
    }
}
