package io.trackerhub.kit.inbox;

import io.agroal.api.AgroalDataSource;
import io.quarkus.arc.properties.IfBuildProperty;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import org.jboss.logging.Logger;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Collection;
import java.util.HashSet;
import java.util.Set;

/**
 * Makes a Kafka consumer's effects happen once: the consumer records each {@code ce_id} it applied in the same
 * database transaction as the effect. A redelivered record finds its id and is skipped.
 * <pre>
 * if (inbox.alreadyProcessed("timesheet.activity", meta.id())) return;
 * timesheet.apply(activity);
 * inbox.markProcessed("timesheet.activity", meta.id());
 * </pre>
 * Both calls require the caller's transaction. Ids are kept for {@code hub.inbox.retention} (default 30 days),
 * longer than any Kafka retention we configure, so a replay inside the retention is still recognised.
 */
@ApplicationScoped
@IfBuildProperty(name = "quarkus.datasource.db-kind", stringValue = "postgresql")
public class Inbox {

    private static final Logger LOG = Logger.getLogger(Inbox.class);

    private final AgroalDataSource dataSource;
    private final Duration retention;

    public Inbox(AgroalDataSource dataSource, InboxSettings settings) {
        this.dataSource = dataSource;
        this.retention = settings.retention();
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public boolean alreadyProcessed(String consumer, String ceId) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement("select 1 from kit_inbox where consumer = ? and ce_id = ?")) {
            s.setString(1, consumer);
            s.setString(2, ceId);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("inbox lookup failed for " + consumer + "/" + ceId, e);
        }
    }

    /** Records {@code ceId}; a concurrent second recording of the same id fails the transaction, so the effect is undone. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void markProcessed(String consumer, String ceId) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement("insert into kit_inbox (consumer, ce_id) values (?, ?)")) {
            s.setString(1, consumer);
            s.setString(2, ceId);
            s.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("inbox could not record " + consumer + "/" + ceId + ": " + e.getMessage(), e);
        }
    }

    /**
     * Records {@code ceId} unless it is recorded already, in one statement: true the first time (apply the effect),
     * false for a duplicate. A concurrent first recording waits for the other transaction and then reads false.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public boolean markProcessedIfNew(String consumer, String ceId) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement("insert into kit_inbox (consumer, ce_id) values (?, ?) on conflict do nothing")) {
            s.setString(1, consumer);
            s.setString(2, ceId);
            return s.executeUpdate() == 1;
        } catch (SQLException e) {
            throw new IllegalStateException("inbox could not record " + consumer + "/" + ceId + ": " + e.getMessage(), e);
        }
    }

    /**
     * The batch form of {@link #markProcessedIfNew(String, String)}, in one statement: records every id not recorded
     * yet and returns those (apply their effects); ids already recorded, or repeated within {@code ceIds}, are
     * returned once at most.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public Set<String> markProcessedIfNew(String consumer, Collection<String> ceIds) {
        if (ceIds.isEmpty()) {
            return new HashSet<>();
        }
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement("insert into kit_inbox (consumer, ce_id) select ?, unnest(?) "
                     + "on conflict do nothing returning ce_id")) {
            s.setString(1, consumer);
            s.setArray(2, c.createArrayOf("text", ceIds.toArray()));
            Set<String> fresh = new HashSet<>();
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    fresh.add(rs.getString(1));
                }
            }
            return fresh;
        } catch (SQLException e) {
            throw new IllegalStateException("inbox could not record " + ceIds.size() + " ids of " + consumer + ": " + e.getMessage(), e);
        }
    }

    @Scheduled(every = "1h", delayed = "1m", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void forgetOldIds() {
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement("delete from kit_inbox where processed_at < now() - make_interval(secs => ?)")) {
            s.setLong(1, retention.toSeconds());
            int removed = s.executeUpdate();
            if (removed > 0) {
                LOG.infof("inbox forgot %d ids older than %s", removed, retention);
            }
        } catch (SQLException e) {
            LOG.warnf("inbox clean-up failed, will try again: %s", e.getMessage());
        }
    }
}
