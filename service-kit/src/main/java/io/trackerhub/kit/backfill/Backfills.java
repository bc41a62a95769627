package io.trackerhub.kit.backfill;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.agroal.api.AgroalDataSource;
import io.quarkus.arc.properties.IfBuildProperty;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.common.annotation.Identifier;
import io.trackerhub.events.TrackerFormatException;
import io.trackerhub.events.kafka.ActivityRecord;
import io.trackerhub.events.kafka.Topics;
import io.trackerhub.kit.errors.ProblemException;
import io.trackerhub.kit.kafka.Readers;
import io.trackerhub.kit.outbox.Delivery;
import io.trackerhub.kit.outbox.Outbox;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import jakarta.transaction.Transactional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.common.TopicPartition;
import org.jboss.logging.Logger;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Past activity for one subscriber (a {@link BackfillTarget}: a channel, a link): {@code tracker.activity} read from the
 * offsets of a point in time ({@code offsetsForTimes}) by a consumer of its own (no group: it commits nothing), and what
 * the subscriber takes queued for it only, with the dedup keys the live consumer uses: an activity reaches the
 * subscriber once whichever path queues it, and a second backfill over the same window queues nothing.
 *
 * <p>While a backfill runs, the live consumer leaves the subscriber to it ({@link #runningInThisTransaction}), so that
 * the subscriber reads its history and what arrives meanwhile in order (per project, as the topic holds them). The
 * backfill reads up to the end of the topic; once a pass finds it caught up it hands the subscriber back
 * ({@link #handBack}: no gap, no reordering). A replica that stops during a backfill leaves it {@code running}; the
 * next start of any replica takes it up again from {@code since}. What the subscriber was sent before its backfill was
 * asked for stays where it was: ask for the backfill right after adding the subscriber.
 */
@ApplicationScoped
@IfBuildProperty(name = "quarkus.datasource.db-kind", stringValue = "postgresql")
public class Backfills {

    private static final Logger LOG = Logger.getLogger(Backfills.class);
    /** A pass reading fewer records than this is caught up: the subscriber goes back to the live consumer. */
    private static final int CAUGHT_UP = 100;
    private static final Duration KAFKA_TIMEOUT = Duration.ofSeconds(30);

    /** A backfill as the APIs show it. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Status(Instant since, String state, long read, long queued, String error, Instant startedAt, Instant finishedAt) {
    }

    /** The body of {@code POST …/backfill}: when the subscriber's history starts, RFC 3339. */
    public record Request(String since) {

        /** {@code since} as an instant, or a 400 naming the field (a missing body included). */
        public static Instant since(Request request, String kind) {
            if (request == null || request.since() == null || request.since().isBlank()) {
                throw ProblemException.invalid("since", "is required: the RFC 3339 time the " + kind + "'s history starts at, e.g. 2026-12-01T00:00:00Z");
            }
            try {
                return OffsetDateTime.parse(request.since().strip()).toInstant();
            } catch (DateTimeParseException e) {
                throw ProblemException.invalid("since", "'" + request.since() + "' is not an RFC 3339 time, e.g. 2026-12-01T00:00:00Z");
            }
        }
    }

    private final AgroalDataSource dataSource;
    private final Outbox outbox;
    private final Map<String, Object> kafka;
    private final Map<String, BackfillTarget> targets = new HashMap<>();
    private final ExecutorService runner = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "backfill");
        t.setDaemon(true);
        return t;
    });
    private volatile boolean stopping;

    public Backfills(AgroalDataSource dataSource, Outbox outbox, @Identifier("default-kafka-broker") Map<String, Object> kafka,
                     Instance<BackfillTarget> targets) {
        this.dataSource = dataSource;
        this.outbox = outbox;
        this.kafka = kafka;
        targets.forEach(t -> this.targets.put(t.kind(), t));
    }

    /** Starts a backfill of subscriber {@code id} of {@code kind} from {@code since}; 400 for a future time, 409 while one runs. */
    public Status start(String kind, long id, Instant since) {
        BackfillTarget target = target(kind);
        if (since.isAfter(Instant.now())) {
            throw ProblemException.invalid("since", since + " is in the future; give the point in time the " + kind + "'s history starts at");
        }
        int started = update("insert into kit_backfill (kind, target_id, since, state) values (?, ?, ?, 'running') on conflict (kind, target_id) "
                + "do update set since = excluded.since, state = 'running', read = 0, queued = 0, error = null, started_at = now(), finished_at = null "
                + "where kit_backfill.state <> 'running'", s -> {
            s.setString(1, kind);
            s.setLong(2, id);
            s.setTimestamp(3, Timestamp.from(since));
        });
        if (started == 0) {
            throw ProblemException.conflict(kind + " " + id + " is being backfilled already; see its backfill progress");
        }
        runner.submit(() -> run(target, id, since));
        return status(kind, id).orElseThrow();
    }

    public Optional<Status> status(String kind, long id) {
        return Optional.ofNullable(statuses(kind, List.of(id)).get(id));
    }

    /** The backfills of {@code ids} (those that had one), in one query: for the APIs' lists. */
    public Map<Long, Status> statuses(String kind, Collection<Long> ids) {
        Map<Long, Status> found = new HashMap<>();
        if (ids.isEmpty()) {
            return found;
        }
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement("select target_id, since, state, read, queued, "
                + "error, started_at, finished_at from kit_backfill where kind = ? and target_id = any (?)")) {
            s.setString(1, kind);
            s.setArray(2, c.createArrayOf("bigint", ids.toArray()));
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    Timestamp finished = rs.getTimestamp(8);
                    found.put(rs.getLong(1), new Status(rs.getTimestamp(2).toInstant(), rs.getString(3), rs.getLong(4), rs.getLong(5),
                            rs.getString(6), rs.getTimestamp(7).toInstant(), finished == null ? null : finished.toInstant()));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException(kind + " backfills not read: " + e.getMessage(), e);
        }
        return found;
    }

    /** Forgets a deleted subscriber's backfill (a running one then fails at its next poll: the subscriber is gone). */
    public void forget(String kind, long id) {
        update("delete from kit_backfill where kind = ? and target_id = ? and state <> 'running'", s -> {
            s.setString(1, kind);
            s.setLong(2, id);
        });
    }

    /**
     * The subscribers of {@code kind} being backfilled, read {@code for share} in the caller's transaction (the live
     * consumer's): a hand-over waits for it, and it for a hand-over.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public Set<Long> runningInThisTransaction(String kind) {
        Set<Long> running = new HashSet<>();
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement("select target_id from kit_backfill where kind = ? and state = 'running' for share")) {
            s.setString(1, kind);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    running.add(rs.getLong(1));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException(kind + " backfills not read: " + e.getMessage(), e);
        }
        return running;
    }

    /** Backfills a stopped replica left running are taken up again (from their start: the dedup keys drop repeats). */
    void resume(@Observes StartupEvent started) {
        if (targets.isEmpty()) {
            return;
        }
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement("select kind, target_id, since from kit_backfill where state = 'running' and kind = any (?)")) {
            s.setArray(1, c.createArrayOf("text", targets.keySet().toArray()));
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    BackfillTarget target = targets.get(rs.getString(1));
                    long id = rs.getLong(2);
                    Instant since = rs.getTimestamp(3).toInstant();
                    LOG.infof("%s %d: taking up its backfill from %s again", target.kind(), id, since);
                    runner.submit(() -> run(target, id, since));
                }
            }
        } catch (SQLException | RuntimeException e) {
            LOG.warnf("running backfills not taken up: %s", e.getMessage());
        }
    }

    void stop(@Observes ShutdownEvent event) {
        stopping = true;
        runner.shutdownNow();
    }

    private BackfillTarget target(String kind) {
        BackfillTarget target = targets.get(kind);
        if (target == null) {
            throw new IllegalArgumentException("this service backfills no " + kind + " (it has " + targets.keySet() + ")");
        }
        return target;
    }

    private void run(BackfillTarget target, long id, Instant since) {
        try (KafkaConsumer<String, byte[]> consumer = Readers.withoutGroup(kafka, target.kind() + "-backfill-" + id)) {
            List<TopicPartition> partitions = consumer.partitionsFor(Topics.ACTIVITY, KAFKA_TIMEOUT).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            consumer.assign(partitions);
            Map<TopicPartition, Long> at = new HashMap<>();
            partitions.forEach(p -> at.put(p, since.toEpochMilli()));
            Map<TopicPartition, OffsetAndTimestamp> from = consumer.offsetsForTimes(at, KAFKA_TIMEOUT);
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions, KAFKA_TIMEOUT);
            for (TopicPartition p : partitions) {
                OffsetAndTimestamp offset = from.get(p);
                consumer.seek(p, offset == null ? ends.get(p) : offset.offset());
            }
            while (!stopping) {
                if (pass(target, id, consumer, consumer.endOffsets(partitions, KAFKA_TIMEOUT), null) < CAUGHT_UP) {
                    handBack(target, id, consumer, partitions);
                    return;
                }
            }
        } catch (RuntimeException e) {
            if (stopping) {
                return;   // taken up again at the next start
            }
            LOG.errorf("%s %d: backfill failed: %s", target.kind(), id, e.getMessage());
            update("update kit_backfill set state = 'failed', error = ?, finished_at = now() where kind = ? and target_id = ?", s -> {
                s.setString(1, e.getMessage());
                s.setString(2, target.kind());
                s.setLong(3, id);
            });
        }
    }

    /**
     * The hand-over, with no gap and no reordering: the backfill's row is locked (every live transaction reads it
     * {@code for share}, so none is in flight and the next ones wait), the topic is read to its end as it is now,
     * then the backfill is marked done and the lock released. Everything the live consumer skipped is below that end
     * and queued by now; what it reads next is queued after it (or dropped by the dedup key when already queued).
     */
    private void handBack(BackfillTarget target, long id, KafkaConsumer<String, byte[]> consumer, List<TopicPartition> partitions) {
        try (Connection lock = dataSource.getConnection()) {
            lock.setAutoCommit(false);
            try (PreparedStatement s = lock.prepareStatement("select 1 from kit_backfill where kind = ? and target_id = ? for update")) {
                s.setString(1, target.kind());
                s.setLong(2, id);
                s.executeQuery().close();
            }
            pass(target, id, consumer, consumer.endOffsets(partitions, KAFKA_TIMEOUT), lock);
            try (PreparedStatement s = lock.prepareStatement("update kit_backfill set state = 'done', finished_at = now() where kind = ? and target_id = ?")) {
                s.setString(1, target.kind());
                s.setLong(2, id);
                s.executeUpdate();
            }
            lock.commit();
        } catch (SQLException e) {
            throw new IllegalStateException("the backfill could not hand the " + target.kind() + " back: " + e.getMessage(), e);
        }
        LOG.infof("%s %d: backfill caught up with the topic; the live consumer takes it again", target.kind(), id);
    }

    /**
     * Reads up to {@code ends}, queueing what the subscriber takes; returns how many records it read. Progress is
     * written through {@code lock} when the hand-over holds the row (another connection would wait for it), else on
     * its own.
     */
    private int pass(BackfillTarget target, long id, KafkaConsumer<String, byte[]> consumer, Map<TopicPartition, Long> ends, Connection lock) {
        int read = 0;
        while (!stopping && ends.entrySet().stream().anyMatch(e -> consumer.position(e.getKey()) < e.getValue())) {
            List<ActivityRecord> activities = new ArrayList<>();
            int polled = 0;
            for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                polled++;
                try {
                    activities.add(ActivityRecord.from(record.headers(), record.value()));
                } catch (TrackerFormatException e) {
                    // the live consumer dead-letters what cannot be read
                }
            }
            List<Delivery.Request> requests = activities.isEmpty() ? List.of() : target.requests(id, activities);
            int queued = requests.isEmpty() ? 0 : QuarkusTransaction.requiringNew().call(() -> outbox.enqueueAll(requests));
            read += polled;
            String progress = "update kit_backfill set read = read + ?, queued = queued + ? where kind = ? and target_id = ?";
            int n = polled;
            Binder counts = s -> {
                s.setLong(1, n);
                s.setLong(2, queued);
                s.setString(3, target.kind());
                s.setLong(4, id);
            };
            if (lock == null) {
                update(progress, counts);
            } else {
                try (PreparedStatement s = lock.prepareStatement(progress)) {
                    counts.bind(s);
                    s.executeUpdate();
                } catch (SQLException e) {
                    throw new IllegalStateException("backfill progress not recorded: " + e.getMessage(), e);
                }
            }
        }
        return read;
    }

    private interface Binder {
        void bind(PreparedStatement statement) throws SQLException;
    }

    private int update(String sql, Binder binder) {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            binder.bind(s);
            return s.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("backfill not recorded: " + e.getMessage(), e);
        }
    }
}
