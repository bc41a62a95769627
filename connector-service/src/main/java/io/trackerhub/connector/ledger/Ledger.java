package io.trackerhub.connector.ledger;

import io.trackerhub.connector.Database;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

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

    private final Database db;

    public Ledger(Database db) {
        this.db = db;
    }

    public void record(long connectorId, Kind kind, String ref) {
        db.update("insert into ledger (connector_id, kind, ref) values (?, ?, ?) on conflict do nothing", s -> {
            s.setLong(1, connectorId);
            s.setString(2, kind.column());
            s.setString(3, ref);
        });
    }

    public boolean wrote(long connectorId, Kind kind, String ref) {
        return db.queryOne("select 1 from ledger where connector_id = ? and kind = ? and ref = ?", s -> {
            s.setLong(1, connectorId);
            s.setString(2, kind.column());
            s.setString(3, ref);
        }, rs -> true).isPresent();
    }

    /** Of {@code refs}, the ones this connector wrote. */
    public Set<String> wroteAmong(long connectorId, Kind kind, Collection<String> refs) {
        if (refs.isEmpty()) {
            return Set.of();
        }
        List<String> found = db.query("select ref from ledger where connector_id = ? and kind = ? and ref = any (?)", s -> {
            s.setLong(1, connectorId);
            s.setString(2, kind.column());
            s.setArray(3, s.getConnection().createArrayOf("text", refs.toArray()));
        }, rs -> rs.getString(1));
        return new HashSet<>(found);
    }
}
