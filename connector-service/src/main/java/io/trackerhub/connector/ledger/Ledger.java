package io.trackerhub.connector.ledger;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.time.Instant;
import java.util.Collection;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What a connector wrote itself: Tracker comments it posted, external comments and tickets it created. Activity and
 * import lists consult it so that the hub never echoes its own writes.
 */
@ApplicationScoped
public class Ledger {

    public enum Kind {
        TRACKER_COMMENT, EXTERNAL_COMMENT, EXTERNAL_TICKET;

        String column() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    @Transactional
    public void record(long connectorId, Kind kind, String ref) {
        if (LedgerEntry.findById(new LedgerEntry.Key(connectorId, kind.column(), ref)) != null) {
            return;
        }
        LedgerEntry entry = new LedgerEntry();
        entry.connectorId = connectorId;
        entry.kind = kind.column();
        entry.ref = ref;
        entry.createdAt = Instant.now();
        entry.persist();
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
