package io.trackerhub.connector.connectors;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.runtime.StartupEvent;
import io.trackerhub.connector.Database;
import io.trackerhub.kit.outbox.Outbox;
import io.trackerhub.kit.secrets.SecretBox;
import io.trackerhub.kit.secrets.SecretBoxException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.transaction.Transactional;
import org.jboss.logging.Logger;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The connectors, in table {@code connector}: the Tracker token and the secret settings sealed by {@link SecretBox},
 * opened only when a connector is loaded to make a call. Also the connector's state: {@code error} while an external
 * system rejects its credentials, with the system's message; its write-back deliveries wait (destination paused).
 */
@ApplicationScoped
public class Connectors {

    private static final Logger LOG = Logger.getLogger(Connectors.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<Map<String, String>> SECRETS = new TypeReference<>() {
    };
    private static final String COLUMNS = "id, type, name, tracker_base_url, tracker_project_id, tracker_token, config, secrets, "
            + "state, state_reason, state_changed_at, created_at, updated_at";

    private final Database db;
    private final SecretBox box;
    private final Outbox outbox;

    public Connectors(Database db, SecretBox box, Outbox outbox) {
        this.db = db;
        this.box = box;
        this.outbox = outbox;
    }

    static String tokenContext(long id) {
        return "connector/" + id + "/tracker-token";
    }

    static String secretsContext(long id) {
        return "connector/" + id + "/config";
    }

    @Transactional
    public long create(ConnectorSpec spec) {
        long id = db.queryOne("select nextval('connector_id_seq')", s -> {
        }, rs -> rs.getLong(1)).orElseThrow();
        db.update("insert into connector (id, type, name, tracker_base_url, tracker_project_id, tracker_token, config, secrets) "
                + "values (?, ?, ?, ?, ?, ?, ?, ?)", s -> {
            s.setLong(1, id);
            s.setString(2, spec.type().wire());
            s.setString(3, spec.name());
            s.setString(4, spec.trackerBaseUrl());
            s.setLong(5, spec.trackerProjectId());
            s.setString(6, box.seal(spec.trackerToken(), tokenContext(id)));
            s.setString(7, spec.config().toString());
            s.setString(8, sealSecrets(spec.secrets(), id));
        });
        return id;
    }

    /**
     * Replaces a connector's settings; false if there is none. A fixed connector is active again and its waiting
     * deliveries are sent at once.
     */
    @Transactional
    public boolean replace(long id, ConnectorSpec spec) {
        int changed = db.update("update connector set type = ?, name = ?, tracker_base_url = ?, tracker_project_id = ?, config = ?, "
                + "secrets = ?, state = 'active', state_reason = null, state_changed_at = case when state = 'active' then state_changed_at else now() end, "
                + "updated_at = now()" + (spec.trackerToken() == null ? "" : ", tracker_token = ?") + " where id = ?", s -> {
            s.setString(1, spec.type().wire());
            s.setString(2, spec.name());
            s.setString(3, spec.trackerBaseUrl());
            s.setLong(4, spec.trackerProjectId());
            s.setString(5, spec.config().toString());
            s.setString(6, sealSecrets(spec.secrets(), id));
            int next = 7;
            if (spec.trackerToken() != null) {
                s.setString(next++, box.seal(spec.trackerToken(), tokenContext(id)));
            }
            s.setLong(next, id);
        });
        return changed == 1;
    }

    /** After a replace committed: the connector's paused deliveries are due again. */
    public void resume(long id) {
        outbox.resume(Connector.destination(id));
    }

    /** Deletes a connector and its links; its unsent deliveries fail with that reason when their turn comes. */
    @Transactional
    public boolean delete(long id) {
        boolean deleted = db.update("delete from connector where id = ?", s -> s.setLong(1, id)) == 1;
        if (deleted) {
            outbox.forget(Connector.destination(id));
        }
        return deleted;
    }

    public Optional<Connector> load(long id) {
        return db.queryOne("select " + COLUMNS + " from connector where id = ?", s -> s.setLong(1, id), this::read);
    }

    /** Says at start, in one line, which connectors hold credentials none of this service's keys opens. */
    void reportUnopenable(@Observes StartupEvent started) {
        try {
            List<Connector> broken = list().stream().filter(c -> c.state() == Connector.State.ERROR && c.stateReason() != null
                    && c.stateReason().contains(" cannot be opened: ")).toList();
            if (!broken.isEmpty()) {
                LOG.warnf("%d connectors hold credentials sealed under a key this service does not have and stay in error until they are "
                        + "set again (PUT /api/connectors/{id}): connectors %s; %s", broken.size(), broken.stream().map(Connector::id).toList(),
                        broken.get(0).stateReason());
            }
        } catch (RuntimeException e) {
            LOG.debugf("connectors not checked at start: %s", e.getMessage());
        }
    }

    public List<Connector> list() {
        return db.query("select " + COLUMNS + " from connector order by id", s -> {
        }, this::read);
    }

    /** Stored secret settings of a connector (for a PUT that leaves them out). */
    public Map<String, String> storedSecrets(long id) {
        return load(id).map(Connector::secrets).orElse(Map.of());
    }

    /**
     * The external system (or Tracker) rejected the connector's credentials: state {@code error} with its message,
     * and its write-back destination paused so that nothing more is attempted (nor lost) until the connector is fixed.
     */
    public void credentialsRejected(long id, String reason) {
        int changed = db.update("update connector set state = 'error', state_reason = ?, state_changed_at = now(), updated_at = now() "
                + "where id = ? and (state <> 'error' or state_reason is distinct from ?)", s -> {
            s.setString(1, reason);
            s.setLong(2, id);
            s.setString(3, reason);
        });
        outbox.pause(Connector.destination(id), "credentials rejected: " + reason);
        if (changed == 1) {
            LOG.warnf("connector %d is in error, its deliveries wait until it is fixed: %s", id, reason);
        }
    }

    private String sealSecrets(Map<String, String> secrets, long id) {
        if (secrets.isEmpty()) {
            return null;
        }
        try {
            return box.seal(JSON.writeValueAsString(secrets), secretsContext(id));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private Connector read(ResultSet rs) throws SQLException {
        long id = rs.getLong("id");
        String sealed = rs.getString("secrets");
        Map<String, String> secrets;
        ObjectNode config;
        Connector.State state = Connector.State.valueOf(rs.getString("state").toUpperCase(java.util.Locale.ROOT));
        String reason = rs.getString("state_reason");
        // a secret sealed under a key this service no longer has: this connector is in error and says so, the others work
        String token = null;
        secrets = Map.of();
        try {
            token = box.open(rs.getString("tracker_token"), tokenContext(id));
            secrets = sealed == null ? Map.of() : Map.copyOf(JSON.readValue(box.open(sealed, secretsContext(id)), SECRETS));
        } catch (SecretBoxException e) {
            state = Connector.State.ERROR;
            reason = (token == null ? "its Tracker token" : "its credentials") + " cannot be opened: " + e.getMessage()
                    + "; set " + (token == null ? "tracker.api_token and the credentials" : "the credentials") + " again with PUT /api/connectors/" + id;
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("connector " + id + " has unreadable credentials", e);
        }
        try {
            config = (ObjectNode) JSON.readTree(rs.getString("config"));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("connector " + id + " has unreadable settings", e);
        }
        return new Connector(id, ConnectorType.of(rs.getString("type")).orElseThrow(), rs.getString("name"),
                rs.getString("tracker_base_url"), rs.getLong("tracker_project_id"), token,
                config, secrets, state, reason, instant(rs, "state_changed_at"), instant(rs, "created_at"), instant(rs, "updated_at"));
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp t = rs.getTimestamp(column);
        return t == null ? null : t.toInstant();
    }
}
