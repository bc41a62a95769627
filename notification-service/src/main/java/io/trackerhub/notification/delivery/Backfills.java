package io.trackerhub.notification.delivery;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.agroal.api.AgroalDataSource;
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
import io.trackerhub.notification.channels.Channel;
import io.trackerhub.notification.channels.Channels;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
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
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Past activity for one channel: {@code tracker.activity} read from the offsets of a point in time
 * ({@code offsetsForTimes}) by a consumer of its own (no group: it commits nothing), and each activity the channel takes
 * queued for that channel only, with the dedup key the live consumer uses ({@code ce_id/channel}): an activity is
 * delivered once to the channel whichever path queues it, and a second backfill over the same window queues nothing.
 *
 * <p>While a backfill runs, the live consumer leaves the channel to it, so that the channel reads its history and what
 * arrives meanwhile in order (per project, as the topic holds them). The backfill reads up to the end of the topic;
 * once a pass finds it caught up it hands the channel back ({@link #handBack}: no gap, no reordering). A replica that
 * stops during a backfill leaves it {@code running}; the next start of any replica takes it up again from
 * {@code since}. Activity the channel was sent before its backfill was asked for stays where it was: ask for the
 * backfill right after adding the channel.
 */
@ApplicationScoped
public class Backfills {

    private static final Logger LOG = Logger.getLogger(Backfills.class);
    /** A pass reading fewer records than this is caught up: the channel goes back to the live consumer. */
    private static final int CAUGHT_UP = 100;

    /** A backfill as the API shows it. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Status(Instant since, String state, long read, long queued, String error, Instant startedAt, Instant finishedAt) {
    }

    private final AgroalDataSource dataSource;
    private final Channels channels;
    private final Outbox outbox;
    private final Map<String, Object> kafka;
    private final ExecutorService runner = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "channel-backfill");
        t.setDaemon(true);
        return t;
    });
    private volatile boolean stopping;

    public Backfills(AgroalDataSource dataSource, Channels channels, Outbox outbox, @Identifier("default-kafka-broker") Map<String, Object> kafka) {
        this.dataSource = dataSource;
        this.channels = channels;
        this.outbox = outbox;
        this.kafka = kafka;
    }

    /** Starts a backfill of {@code channel} from {@code since}; 409 while one runs. */
    public Status start(Channel channel, Instant since) {
        if (since.isAfter(Instant.now())) {
            throw ProblemException.invalid("since", since + " is in the future; give the point in time the channel's history starts at");
        }
        int started = update("insert into channel_backfill (channel_id, since, state) values (?, ?, 'running') on conflict (channel_id) do update "
                + "set since = excluded.since, state = 'running', read = 0, queued = 0, error = null, started_at = now(), finished_at = null "
                + "where channel_backfill.state <> 'running'", s -> {
            s.setLong(1, channel.id());
            s.setTimestamp(2, Timestamp.from(since));
        });
        if (started == 0) {
            throw ProblemException.conflict("channel " + channel.id() + " is being backfilled already; see its backfill progress");
        }
        runner.submit(() -> run(channel.id(), since));
        return status(channel.id()).orElseThrow();
    }

    public Optional<Status> status(long channelId) {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(
                "select since, state, read, queued, error, started_at, finished_at from channel_backfill where channel_id = ?")) {
            s.setLong(1, channelId);
            try (ResultSet rs = s.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                Timestamp finished = rs.getTimestamp(7);
                return Optional.of(new Status(rs.getTimestamp(1).toInstant(), rs.getString(2), rs.getLong(3), rs.getLong(4), rs.getString(5),
                        rs.getTimestamp(6).toInstant(), finished == null ? null : finished.toInstant()));
            }
        } catch (SQLException e) {
            throw new IllegalStateException("backfill of channel " + channelId + " not read: " + e.getMessage(), e);
        }
    }

    /** Backfills a stopped replica left running are taken up again (from their start: the dedup key drops repeats). */
    void resume(@Observes StartupEvent started) {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement("select channel_id, since from channel_backfill where state = 'running'");
             ResultSet rs = s.executeQuery()) {
            while (rs.next()) {
                long id = rs.getLong(1);
                Instant since = rs.getTimestamp(2).toInstant();
                LOG.infof("channel %d: taking up its backfill from %s again", id, since);
                runner.submit(() -> run(id, since));
            }
        } catch (SQLException | RuntimeException e) {
            LOG.warnf("running backfills not taken up: %s", e.getMessage());
        }
    }

    void stop(@Observes ShutdownEvent event) {
        stopping = true;
        runner.shutdownNow();
    }

    private void run(long channelId, Instant since) {
        try (KafkaConsumer<String, byte[]> consumer = Readers.withoutGroup(kafka, "notification-backfill")) {
            List<TopicPartition> partitions = consumer.partitionsFor(Topics.ACTIVITY, Duration.ofSeconds(30)).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            consumer.assign(partitions);
            Map<TopicPartition, Long> at = new HashMap<>();
            partitions.forEach(p -> at.put(p, since.toEpochMilli()));
            Map<TopicPartition, OffsetAndTimestamp> from = consumer.offsetsForTimes(at, Duration.ofSeconds(30));
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions, Duration.ofSeconds(30));
            for (TopicPartition p : partitions) {
                OffsetAndTimestamp offset = from.get(p);
                consumer.seek(p, offset == null ? ends.get(p) : offset.offset());
            }
            while (!stopping) {
                int read = pass(channelId, consumer, consumer.endOffsets(partitions, Duration.ofSeconds(30)), null);
                if (read < CAUGHT_UP) {
                    handBack(channelId, consumer, partitions);
                    return;
                }
            }
        } catch (RuntimeException e) {
            LOG.errorf("channel %d: backfill failed: %s", channelId, e.getMessage());
            update("update channel_backfill set state = 'failed', error = ?, finished_at = now() where channel_id = ?", s -> {
                s.setString(1, e.getMessage());
                s.setLong(2, channelId);
            });
        }
    }

    /**
     * The hand-over, with no gap and no reordering: the backfill's row is locked (every live transaction reads it
     * {@code for share}, so none is in flight and the next ones wait), the topic is read to its end as it is now,
     * then the channel is marked done and the lock released. Everything the live consumer skipped is below that end
     * and queued by now; what it reads next is queued after it (or dropped by the dedup key when already queued).
     */
    private void handBack(long channelId, KafkaConsumer<String, byte[]> consumer, List<TopicPartition> partitions) {
        try (Connection lock = dataSource.getConnection()) {
            lock.setAutoCommit(false);
            try (PreparedStatement s = lock.prepareStatement("select 1 from channel_backfill where channel_id = ? for update")) {
                s.setLong(1, channelId);
                s.executeQuery().close();
            }
            pass(channelId, consumer, consumer.endOffsets(partitions, Duration.ofSeconds(30)), lock);
            try (PreparedStatement s = lock.prepareStatement("update channel_backfill set state = 'done', finished_at = now() where channel_id = ?")) {
                s.setLong(1, channelId);
                s.executeUpdate();
            }
            lock.commit();
        } catch (SQLException e) {
            throw new IllegalStateException("the backfill could not hand the channel back: " + e.getMessage(), e);
        }
        LOG.infof("channel %d: backfill caught up with the topic; the live consumer takes the channel again", channelId);
    }

    /**
     * The channels being backfilled, read {@code for share} in the caller's transaction (the live consumer's): a
     * hand-over waits for it, and it for a hand-over.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public Set<Long> runningInThisTransaction() {
        Set<Long> running = new HashSet<>();
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement("select channel_id from channel_backfill where state = 'running' for share");
             ResultSet rs = s.executeQuery()) {
            while (rs.next()) {
                running.add(rs.getLong(1));
            }
        } catch (SQLException e) {
            throw new IllegalStateException("channel backfills not read: " + e.getMessage(), e);
        }
        return running;
    }

    /**
     * Reads up to {@code ends}, queueing what the channel takes; returns how many records it read. Progress is written
     * through {@code lock} when the hand-over holds the row (another connection would wait for it), else on its own.
     */
    private int pass(long channelId, KafkaConsumer<String, byte[]> consumer, Map<TopicPartition, Long> ends, Connection lock) {
        int read = 0;
        while (!stopping && ends.entrySet().stream().anyMatch(e -> consumer.position(e.getKey()) < e.getValue())) {
            Optional<Channel> channel = channels.load(channelId);
            if (channel.isEmpty()) {
                throw new IllegalStateException("the channel was deleted");
            }
            List<Delivery.Request> requests = new ArrayList<>();
            int polled = 0;
            for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                polled++;
                ActivityRecord event;
                try {
                    event = ActivityRecord.from(record.headers(), record.value());
                } catch (TrackerFormatException e) {
                    continue;   // the live consumer dead-letters what cannot be read
                }
                if (channel.get().takes(event.activity())) {
                    requests.add(Notifications.request(channel.get(), event.activity()).dedupedBy(event.id() + "/" + channel.get().destination()));
                }
            }
            int queued = requests.isEmpty() ? 0 : QuarkusTransaction.requiringNew().call(() -> outbox.enqueueAll(requests));
            read += polled;
            String progress = "update channel_backfill set read = read + ?, queued = queued + ? where channel_id = ?";
            int n = polled;
            Binder counts = s -> {
                s.setLong(1, n);
                s.setLong(2, queued);
                s.setLong(3, channelId);
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
