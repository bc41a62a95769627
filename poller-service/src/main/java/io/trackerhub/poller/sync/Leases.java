package io.trackerhub.poller.sync;

import io.trackerhub.poller.integrations.Database;
import io.trackerhub.poller.integrations.Integration;
import io.trackerhub.poller.integrations.Integrations;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Which replica polls an integration: a row lease on {@code integration}. A replica takes a due integration whose
 * lease is free or expired ({@code FOR UPDATE SKIP LOCKED}: two replicas never take the same row), renews the lease
 * while its run lasts and gives it back at the end. A replica that dies stops renewing; after the lease's time to
 * live another replica takes the integration and resumes from the stored cursors.
 */
@ApplicationScoped
public class Leases {

    /** An integration taken for a run, and the database time it was taken at. */
    public record Claim(Integration integration, Instant claimedAt, boolean due) {
    }

    private final Database db;

    public Leases(Database db) {
        this.db = db;
    }

    /** The most overdue integration that is due or has pending sync requests, leased to {@code replica}; empty if none. */
    public Optional<Claim> claim(String replica, Duration ttl) {
        return db.one("update integration set lease_owner = ?, lease_until = now() + make_interval(secs => ?) where id = ("
                + "select id from integration where token_sealed is not null and state in ('importing', 'ok') "
                + "and (lease_until is null or lease_until < now()) "
                + "and (next_sync_at <= now() or exists (select 1 from sync_request r where r.integration_id = integration.id)) "
                + "order by next_sync_at, id limit 1 for update skip locked) "
                + "returning " + Integrations.COLUMNS_FOR_RETURNING + ", now() as claimed_at, next_sync_at <= now() as due", (c, s) -> {
                    s.setString(1, replica);
                    s.setDouble(2, ttl.toMillis() / 1000.0);
                }, rs -> new Claim(Integrations.readRow(rs), Database.instant(rs, "claimed_at"), rs.getBoolean("due")));
    }

    /** Extends the lease; false when {@code replica} no longer holds it (it expired and another replica took it). */
    public boolean renew(long integrationId, String replica, Duration ttl) {
        return db.update("update integration set lease_until = now() + make_interval(secs => ?) where id = ? and lease_owner = ?", (c, s) -> {
            s.setDouble(1, ttl.toMillis() / 1000.0);
            s.setLong(2, integrationId);
            s.setString(3, replica);
        }) == 1;
    }

    /**
     * Gives the lease back with the run's outcome. The next sync is {@code next} unless a force sync asked for an
     * earlier one while the run lasted. {@code synced} says whether the run counts as a sync ({@code last_sync_at}).
     */
    public boolean release(Claim claim, String replica, Integration.State state, String lastError, boolean synced, Instant next) {
        return db.update("update integration set lease_owner = null, lease_until = null, state = case when state = 'disabled' then state else ? end, "
                + "last_error = ?, last_sync_at = case when ? then now() else last_sync_at end, "
                + "next_sync_at = case when next_sync_at > ? then next_sync_at else ? end, updated_at = now() "
                + "where id = ? and lease_owner = ?", (c, s) -> {
                    s.setString(1, state.wire());
                    s.setString(2, lastError);
                    s.setBoolean(3, synced);
                    s.setTimestamp(4, Database.timestamp(claim.claimedAt()));
                    s.setTimestamp(5, Database.timestamp(next));
                    s.setLong(6, claim.integration().id());
                    s.setString(7, replica);
                }) == 1;
    }

    /** On shutdown: the lease ends now, so another replica need not wait for it to expire. */
    public void abandon(long integrationId, String replica) {
        db.update("update integration set lease_owner = null, lease_until = null where id = ? and lease_owner = ?", (c, s) -> {
            s.setLong(1, integrationId);
            s.setString(2, replica);
        });
    }
}
