package io.trackerhub.kit.outbox;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.agroal.api.AgroalDataSource;
import io.quarkus.arc.properties.IfBuildProperty;
import io.trackerhub.kit.errors.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.Transactional;
import jakarta.transaction.TransactionSynchronizationRegistry;
import org.postgresql.PGStatement;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The outbox table: a service queues an external call in the transaction of the effect that causes it
 * ({@link #enqueue}); the {@link OutboxDispatcher} sends it afterwards. Operators see and retry failed
 * deliveries through {@link #list} and {@link #retry} (also {@code /admin/outbox}), and resume a paused
 * destination with {@link #resume}.
 */
@ApplicationScoped
@IfBuildProperty(name = "quarkus.datasource.db-kind", stringValue = "postgresql")
public class Outbox {

    private static final TypeReference<Map<String, String>> HEADERS = new TypeReference<>() {
    };
    private static final String COLUMNS = "id, channel, target, dedup_key, payload, headers, status, attempts, max_attempts, "
            + "next_attempt_at, last_error, last_status, created_at, delivered_at, destination, ordering_key";
    private static final String DESTINATION_COLUMNS = "name, rate_per_second, failing_since, consecutive_failures, last_error, "
            + "paused_at, pause_reason";
    private static final Object WAKE_AFTER_COMMIT = new Object();

    private final AgroalDataSource dataSource;
    private final ObjectMapper json;
    private final int maxAttempts;
    private final TransactionSynchronizationRegistry transactions;
    private final OutboxSignal signal;

    public Outbox(AgroalDataSource dataSource, ObjectMapper json,
                  OutboxSettings settings, TransactionSynchronizationRegistry transactions, OutboxSignal signal) {
        this.dataSource = dataSource;
        this.json = json;
        this.maxAttempts = settings.maxAttempts();
        this.transactions = transactions;
        this.signal = signal;
    }

    /**
     * Queues a delivery in the caller's transaction. Returns its id, or empty when a delivery with the same
     * channel and dedup key is already queued (the effect was applied before). The dispatcher is woken when the
     * transaction commits, so a delivery leaves within milliseconds, not at the next poll.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public Optional<Long> enqueue(Delivery.Request request) {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(INSERT + " returning id")) {
            bindInsert(s, request);
            try (ResultSet rs = s.executeQuery()) {
                Optional<Long> id = rs.next() ? Optional.of(rs.getLong(1)) : Optional.empty();
                id.ifPresent(ignored -> wakeDispatcherAfterCommit());
                return id;
            }
        } catch (SQLException | JsonProcessingException e) {
            throw new IllegalStateException("outbox could not queue a " + request.channel() + " delivery: " + e.getMessage(), e);
        }
    }

    /**
     * Queues several deliveries in the caller's transaction, in one round trip and in list order (which is their
     * order within an ordering key). Returns how many were queued; those whose channel and dedup key are queued
     * already are skipped, as by {@link #enqueue}.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public int enqueueAll(List<Delivery.Request> requests) {
        if (requests.isEmpty()) {
            return 0;
        }
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(INSERT)) {
            for (Delivery.Request request : requests) {
                bindInsert(s, request);
                s.addBatch();
            }
            int queued = 0;
            for (int count : s.executeBatch()) {
                queued += Math.max(count, 0);
            }
            if (queued > 0) {
                wakeDispatcherAfterCommit();
            }
            return queued;
        } catch (SQLException | JsonProcessingException e) {
            throw new IllegalStateException("outbox could not queue " + requests.size() + " deliveries: " + e.getMessage(), e);
        }
    }

    private static final String INSERT = "insert into kit_outbox (channel, target, dedup_key, payload, headers, max_attempts, "
            + "destination, ordering_key) values (?, ?, ?, ?, ?, ?, ?, ?) on conflict (channel, dedup_key) do nothing";

    private void bindInsert(PreparedStatement s, Delivery.Request request) throws SQLException, JsonProcessingException {
        s.setString(1, request.channel());
        s.setString(2, request.target());
        setNullableString(s, 3, request.dedupKey());
        s.setString(4, request.payload());
        s.setString(5, json.writeValueAsString(request.headers()));
        s.setInt(6, maxAttempts);
        setNullableString(s, 7, request.destination());
        setNullableString(s, 8, request.orderingKey());
    }

    private void wakeDispatcherAfterCommit() {
        if (transactions.getResource(WAKE_AFTER_COMMIT) != null) {
            return;
        }
        transactions.putResource(WAKE_AFTER_COMMIT, Boolean.TRUE);
        transactions.registerInterposedSynchronization(new Synchronization() {
            @Override
            public void beforeCompletion() {
            }

            @Override
            public void afterCompletion(int status) {
                if (status == Status.STATUS_COMMITTED) {
                    signal.wake();
                }
            }
        });
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

    /** The deliveries to one destination, newest first; {@code status} null lists every status. */
    public List<Delivery> list(String destination, Delivery.Status status, int limit) {
        if (status == null) {
            return query("select " + COLUMNS + " from kit_outbox where destination = ? order by id desc limit ?", s -> {
                s.setString(1, destination);
                s.setInt(2, limit);
            });
        }
        return query("select " + COLUMNS + " from kit_outbox where destination = ? and status = ? order by id desc limit ?", s -> {
            s.setString(1, destination);
            s.setString(2, status.column());
            s.setInt(3, limit);
        });
    }

    /**
     * A destination's deliveries for an API that lists them ({@code ?state=failed&limit=100}): {@code state} one of
     * pending, sending, delivered, failed or blank for all, {@code limit} 1–500; anything else a 400 naming the
     * parameter.
     */
    public List<Delivery> listForApi(String destination, String state, int limit) {
        if (limit < 1 || limit > 500) {
            throw ProblemException.invalid("limit", "must be between 1 and 500, was " + limit);
        }
        Delivery.Status wanted = null;
        if (state != null && !state.isBlank()) {
            try {
                wanted = Delivery.Status.valueOf(state.trim().toUpperCase(java.util.Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw ProblemException.invalid("state", "'" + state + "' is not one of pending, sending, delivered, failed");
            }
        }
        return list(destination, wanted, limit);
    }

    /**
     * Retries a failed delivery for an API that owns the destinations starting with {@code destinationPrefix}
     * ({@code channel/}, {@code connector/}): 404 for another's or an unknown id, 409 unless it is failed. Returns it
     * as queued again.
     */
    public Delivery retryForApi(long id, String destinationPrefix) {
        Delivery delivery = find(id).filter(d -> d.destination() != null && d.destination().startsWith(destinationPrefix))
                .orElseThrow(() -> ProblemException.notFound("no delivery " + id));
        if (!retry(id)) {
            throw ProblemException.conflict("delivery " + id + " is " + delivery.status().column() + ", only a failed delivery can be retried");
        }
        return find(id).orElseThrow();
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
        boolean queued = update("update kit_outbox set status = 'pending', attempts = 0, next_attempt_at = now(), updated_at = now() "
                + "where id = ? and status = 'failed'", s -> s.setLong(1, id)) == 1;
        if (queued) {
            signal.wake();
        }
        return queued;
    }

    // ---- destinations -------------------------------------------------------------------------------------------

    /** Sets (or with null removes) the rate limit of a destination, in deliveries per second. */
    public void limitRate(String destination, Double perSecond) {
        update("insert into kit_outbox_destination (name, rate_per_second) values (?, ?) "
                + "on conflict (name) do update set rate_per_second = excluded.rate_per_second, updated_at = now()", s -> {
            s.setString(1, destination);
            if (perSecond == null) {
                s.setNull(2, Types.DOUBLE);
            } else {
                s.setDouble(2, perSecond);
            }
        });
    }

    /** The destination's state; a destination never configured nor failing reads as unknown (no limit, not paused). */
    public Destination destination(String name) {
        return findDestination(name).orElse(Destination.unknown(name));
    }

    /** The destination's state if it was ever configured or failed. */
    public Optional<Destination> findDestination(String name) {
        return queryDestinations("select " + DESTINATION_COLUMNS + " from kit_outbox_destination where name = ?",
                s -> s.setString(1, name)).stream().findFirst();
    }

    /** Every destination with a rate limit, a failure or a pause. */
    public List<Destination> destinations() {
        return queryDestinations("select " + DESTINATION_COLUMNS + " from kit_outbox_destination order by name", s -> {
        });
    }

    /** Takes a paused destination back into service: its pending deliveries are due at once. False if it was not paused. */
    public boolean resume(String destination) {
        boolean resumed = update("update kit_outbox_destination set paused_at = null, pause_reason = null, failing_since = null, "
                + "consecutive_failures = 0, updated_at = now() where name = ? and paused_at is not null", s -> s.setString(1, destination)) == 1;
        if (resumed) {
            update("update kit_outbox set next_attempt_at = now(), updated_at = now() where destination = ? and status = 'pending'",
                    s -> s.setString(1, destination));
            signal.wake();
        }
        return resumed;
    }

    /**
     * Pauses a destination now, with {@code reason}, for a condition no retry can cure (credentials the receiver
     * rejected): its deliveries stay pending and are not attempted until {@link #resume}. Pausing a paused destination
     * only updates the reason.
     */
    public void pause(String destination, String reason) {
        update("insert into kit_outbox_destination as d (name, paused_at, pause_reason) values (?, now(), ?) "
                + "on conflict (name) do update set paused_at = coalesce(d.paused_at, now()), pause_reason = excluded.pause_reason, "
                + "updated_at = now()", s -> {
            s.setString(1, destination);
            s.setString(2, abbreviate(reason));
        });
    }

    /**
     * Deletes up to {@code batch} deliveries delivered longer than {@code retention} ago; returns how many. Failed
     * deliveries are kept until an operator retried them. A replayed Kafka record cannot queue a purged delivery again:
     * the consumer's inbox remembers its {@code ce_id} longer ({@code hub.inbox.retention}).
     */
    public int forgetDelivered(Duration retention, int batch) {
        return update("delete from kit_outbox where id in (select id from kit_outbox where status = 'delivered' "
                + "and delivered_at < now() - make_interval(secs => ?) limit ?)", s -> {
            s.setDouble(1, retention.toMillis() / 1000.0);
            s.setInt(2, batch);
        });
    }

    /** Forgets a destination's settings and state (its deliveries stay). */
    public void forget(String destination) {
        update("delete from kit_outbox_destination where name = ?", s -> s.setString(1, destination));
    }

    /**
     * Notes a failed attempt; when the destination has been failing for at least {@code pauseAfter} and
     * {@code minFailures} attempts in a row, pauses it with {@code reason}. Returns the state afterwards.
     */
    Destination noteFailure(String destination, String error, Duration pauseAfter, int minFailures) {
        String sql = "insert into kit_outbox_destination as d (name, failing_since, consecutive_failures, last_error) values (?, now(), 1, ?) "
                + "on conflict (name) do update set failing_since = coalesce(d.failing_since, now()), "
                + "consecutive_failures = d.consecutive_failures + 1, last_error = excluded.last_error, updated_at = now(), "
                + "paused_at = case when d.paused_at is null and d.failing_since <= now() - make_interval(secs => ?) "
                + "  and d.consecutive_failures + 1 >= ? then now() else d.paused_at end, "
                + "pause_reason = case when d.paused_at is null and d.failing_since <= now() - make_interval(secs => ?) "
                + "  and d.consecutive_failures + 1 >= ? "
                + "  then 'failing since ' || to_char(d.failing_since at time zone 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"') "
                + "       || ' (' || (d.consecutive_failures + 1) || ' attempts in a row); last error: ' || excluded.last_error "
                + "  else d.pause_reason end "
                + "returning " + DESTINATION_COLUMNS;
        List<Destination> rows = queryDestinations(sql, s -> {
            s.setString(1, destination);
            s.setString(2, abbreviate(error));
            s.setDouble(3, pauseAfter.toMillis() / 1000.0);
            s.setInt(4, minFailures);
            s.setDouble(5, pauseAfter.toMillis() / 1000.0);
            s.setInt(6, minFailures);
        });
        return rows.get(0);
    }

    /** Notes a delivered attempt: the destination is healthy again. */
    void noteSuccess(String destination) {
        update("update kit_outbox_destination set failing_since = null, consecutive_failures = 0, updated_at = now() "
                + "where name = ? and (failing_since is not null or consecutive_failures > 0)", s -> s.setString(1, destination));
    }

    // ---- dispatcher's side ----------------------------------------------------------------------------------------

    /**
     * Takes due deliveries for sending, leasing them for {@code lease} against other replicas: up to {@code runs} runs,
     * each either one delivery without an ordering key or the oldest unsent deliveries of one ordering key, up to
     * {@code runLength} of them, in id order (a key's run is sent one after another by one sender). Skips paused
     * destinations and those in {@code throttled}. Of an ordering key nothing is due while an earlier delivery of it is
     * leased or waits for its retry, so a key's deliveries go in order; a run never has a gap.
     */
    List<Delivery> claimDue(int runs, int runLength, Duration lease, Collection<String> throttled) {
        // The head of each ordering key (its oldest unsent row) is found by a loose index scan over kit_outbox_order,
        // one probe per key, so a backlog of thousands of rows behind a few keys costs no more than the keys do. The
        // heads are then read by primary key only: the outer conditions are written so that no partial index applies,
        // as stale statistics of a fast-moving queue made the planner scan the whole due index instead.
        // A head locked here is the key's gate: its followers are taken only with it, so two replicas claiming at once
        // cannot split a key's run between them (the other skips the locked head, or finds it leased once committed).
        // A follower is taken while every row before it in the run is due and goes to the head's destination.
        String sql = "with recursive heads (ordering_key, id) as ("
                + "  (select ordering_key, id from kit_outbox where status in ('pending', 'sending') and ordering_key is not null "
                + "   order by ordering_key, id limit 1) "
                + "  union all "
                + "  select n.ordering_key, n.id from heads h cross join lateral (select ordering_key, id from kit_outbox "
                + "   where status in ('pending', 'sending') and ordering_key > h.ordering_key order by ordering_key, id limit 1) n), "
                + "gates as (select o.id, o.ordering_key, o.destination from kit_outbox o "
                + "where o.id = any (array(select id from heads union all (select id from kit_outbox where ordering_key is null "
                + "  and status in ('pending', 'sending') and next_attempt_at <= now() order by next_attempt_at, id limit ?))) "
                + "and o.status not in ('delivered', 'failed') and o.next_attempt_at <= now() "
                + "and (o.destination is null or (o.destination <> all (?) and not exists "
                + "  (select 1 from kit_outbox_destination d where d.name = o.destination and d.paused_at is not null))) "
                + "order by o.next_attempt_at, o.id limit ? for update of o skip locked), "
                + "followers as (select f.id from gates g cross join lateral (select w.id from (select r.id, "
                + "  bool_and(r.next_attempt_at <= now() and r.destination is not distinct from g.destination) over (order by r.id) as ok "
                + "  from (select id, next_attempt_at, destination from kit_outbox where ordering_key = g.ordering_key "
                + "   and status in ('pending', 'sending') and id > g.id order by ordering_key, id limit ?) r) w where w.ok) f "
                + "where g.ordering_key is not null) "
                + "update kit_outbox set status = 'sending', attempts = attempts + 1, updated_at = now(), "
                + "next_attempt_at = now() + make_interval(secs => ?) "
                + "where id in (select id from gates union all select id from followers) returning " + COLUMNS;
        List<Delivery> claimed = query(sql, s -> {
            s.setInt(1, runs);
            s.setArray(2, s.getConnection().createArrayOf("text", throttled.toArray()));
            s.setInt(3, runs);
            s.setInt(4, Math.max(0, runLength - 1));
            s.setDouble(5, lease.toMillis() / 1000.0);
        });
        claimed.sort(java.util.Comparator.comparing(Delivery::id));
        return claimed;
    }

    /**
     * Gives back claimed deliveries that were not attempted (a destination's rate limit, the rest of a run after a
     * failed attempt, a replica stopping): not counted as attempts, due again at {@code notBefore}.
     */
    void release(List<Long> ids, Instant notBefore) {
        if (ids.isEmpty()) {
            return;
        }
        update("update kit_outbox set status = 'pending', attempts = greatest(attempts - 1, 0), next_attempt_at = ?, updated_at = now() "
                + "where id = any (?) and status = 'sending'", s -> {
            s.setTimestamp(1, Timestamp.from(notBefore));
            s.setArray(2, s.getConnection().createArrayOf("bigint", ids.toArray()));
        });
    }

    /** Marks many delivered attempts in one statement (the dispatcher collects them between two claims). */
    void markDelivered(List<Long> ids, List<Integer> httpStatuses) {
        if (ids.isEmpty()) {
            return;
        }
        update("update kit_outbox o set status = 'delivered', delivered_at = now(), updated_at = now(), last_error = null, "
                + "last_status = d.status from unnest(?::bigint[], ?::integer[]) as d(id, status) where o.id = d.id", s -> {
            s.setArray(1, s.getConnection().createArrayOf("bigint", ids.toArray()));
            s.setArray(2, s.getConnection().createArrayOf("integer", httpStatuses.toArray()));
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

    /**
     * A statement planned for its parameters at every execution. The outbox table goes from empty to many thousands of
     * rows within a minute, before autovacuum first analyses it: a plan the server cached as generic while the table
     * was small (a hash join over a sequential scan, say) stayed in use as the table grew, and marking 30 deliveries
     * took 30–50 ms instead of a fraction of one (bench/notification: 800 instead of 2,700 deliveries/s, depending on
     * the table's size when the plan was cached). The queue's statements are small; planning each is cheaper.
     */
    private static PreparedStatement prepare(Connection c, String sql) throws SQLException {
        PreparedStatement s = c.prepareStatement(sql);
        s.unwrap(PGStatement.class).setPrepareThreshold(0);
        return s;
    }

    private int update(String sql, Binder binder) {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = prepare(c, sql)) {
            binder.bind(s);
            return s.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("outbox update failed: " + e.getMessage(), e);
        }
    }

    private List<Delivery> query(String sql, Binder binder) {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = prepare(c, sql)) {
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

    private List<Destination> queryDestinations(String sql, Binder binder) {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = prepare(c, sql)) {
            binder.bind(s);
            List<Destination> rows = new ArrayList<>();
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    double value = rs.getDouble("rate_per_second");
                    Double rate = rs.wasNull() ? null : value;
                    rows.add(new Destination(rs.getString("name"), rate, instant(rs, "failing_since"),
                            rs.getInt("consecutive_failures"), rs.getString("last_error"), instant(rs, "paused_at"),
                            rs.getString("pause_reason")));
                }
            }
            return rows;
        } catch (SQLException e) {
            throw new IllegalStateException("outbox destination query failed: " + e.getMessage(), e);
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
                lastStatus, instant(rs, "created_at"), instant(rs, "delivered_at"), rs.getString("destination"),
                rs.getString("ordering_key"));
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

    private static void setNullableString(PreparedStatement s, int index, String value) throws SQLException {
        if (value == null) {
            s.setNull(index, Types.VARCHAR);
        } else {
            s.setString(index, value);
        }
    }

    private static String abbreviate(String text) {
        if (text == null) {
            return "unknown error";
        }
        return text.length() <= 500 ? text : text.substring(0, 500) + "…";
    }
}
