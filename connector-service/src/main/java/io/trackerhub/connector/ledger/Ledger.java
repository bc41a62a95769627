package io.trackerhub.connector.ledger;

import io.trackerhub.kit.jdbc.Sql;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.util.Collection;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What a connector wrote itself: Tracker comments it posted, external comments and tickets it created. Activity and
 * import lists consult it so that the hub never echoes its own writes.
 */
@ApplicationScoped
public class Ledger {

    private final Sql sql;

    Ledger(Sql sql) {
        this.sql = sql;
    }

    public enum Kind {
        TRACKER_COMMENT, EXTERNAL_COMMENT, EXTERNAL_TICKET;

        String column() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    @Transactional
    public void record(long connectorId, Kind kind, String ref) {
        // SQL: recorded after the external write, so a second record of the same ref (a retried delivery whose lease
        // ran out) must be a no-op, not a unique-key failure that would send the write again
        sql.update("insert into ledger (connector_id, kind, ref) values (?, ?, ?) on conflict do nothing",
                connectorId, kind.column(), ref);
    }

    @Transactional
    public boolean wrote(long connectorId, Kind kind, String ref) {
        return LedgerEntry.findById(new LedgerEntry.Key(connectorId, kind.column(), ref)) != null;
    }

    /** Of {@code refs}, the ones this connector wrote. */
    @Transactional
    public Set<String> wroteAmong(long connectorId, Kind kind, Collection<String> refs) {
        if (refs.isEmpty()) {
            return Set.of();
        }
        return LedgerEntry.<LedgerEntry>find("connectorId = ?1 and kind = ?2 and ref in ?3", connectorId, kind.column(), refs).stream()
                .map(e -> e.ref).collect(Collectors.toSet());
    }
}
