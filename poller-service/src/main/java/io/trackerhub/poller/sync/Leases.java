package io.trackerhub.poller.sync;

import io.trackerhub.kit.jdbc.Sql;
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
 * <p>SQL, not the entity: each step is one conditional statement on the database's clock (take with {@code skip
 * locked}, renew, release only while this replica holds the lease), which a read-modify-write would race.
 */
@ApplicationScoped
class Leases {

    /** An integration taken for a run, and the database time it was taken at. */
    record Claim(Integration integration, Instant claimedAt, boolean due) {
    }

    private record Taken(long id, Instant claimedAt, boolean due) {
    }

    private final Sql sql;
    private final Integrations integrations;

    Leases(Sql sql, Integrations integrations) {
        this.sql = sql;
        this.integrations = integrations;
    }

    /** The most overdue integration that is due or has pending sync requests, leased to {@code replica}; empty if none. */
    Optional<Claim> claim(String replica, Duration ttl) {
        return sql.one("update integration set lease_owner = ?, lease_until = now() + make_interval(secs => ?) where id = ("
                        + "select id from integration where token_sealed is not null and state in ('importing', 'ok') "
                        + "and (lease_until is null or lease_until < now()) "
                        + "and (next_sync_at <= now() or exists (select 1 from sync_request r where r.integration_id = integration.id)) "
                        + "order by next_sync_at, id limit 1 for update skip locked) "
                        + "returning id, now() as claimed_at, next_sync_at <= now() as due",
                rs -> new Taken(rs.getLong("id"), Sql.instant(rs, "claimed_at"), rs.getBoolean("due")), replica, seconds(ttl))
                .map(taken -> new Claim(integrations.find(taken.id()).orElseThrow(), taken.claimedAt(), taken.due()));
    }

    /** Extends the lease; false when {@code replica} no longer holds it (it expired and another replica took it). */
    boolean renew(long integrationId, String replica, Duration ttl) {
        return sql.update("update integration set lease_until = now() + make_interval(secs => ?) where id = ? and lease_owner = ?",
                seconds(ttl), integrationId, replica) == 1;
    }

    /**
     * Gives the lease back with the run's outcome. The next sync is {@code next} unless a force sync asked for an
     * earlier one while the run lasted. {@code synced} says whether the run counts as a sync ({@code last_sync_at}).
     */
    boolean release(Claim claim, String replica, Integration.State state, String lastError, boolean synced, Instant next) {
        return sql.update("update integration set lease_owner = null, lease_until = null, state = case when state = 'disabled' then state else ? end, "
                + "last_error = ?, last_sync_at = case when ? then now() else last_sync_at end, "
                + "next_sync_at = case when next_sync_at > ? then next_sync_at else ? end, updated_at = now() "
                + "where id = ? and lease_owner = ?", state.wire(), lastError, synced, claim.claimedAt(), next,
                claim.integration().id, replica) == 1;
    }

    /** On shutdown: the lease ends now, so another replica need not wait for it to expire. */
    void abandon(long integrationId, String replica) {
        sql.update("update integration set lease_owner = null, lease_until = null where id = ? and lease_owner = ?", integrationId, replica);
    }

    private static double seconds(Duration ttl) {
        return ttl.toMillis() / 1000.0;
    }
}
