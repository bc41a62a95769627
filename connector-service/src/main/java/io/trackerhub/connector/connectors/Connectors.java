package io.trackerhub.connector.connectors;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.panache.common.Sort;
import io.quarkus.runtime.StartupEvent;
import io.trackerhub.kit.jdbc.Sql;
import io.trackerhub.kit.outbox.Outbox;
import io.trackerhub.kit.secrets.SecretBox;
import io.trackerhub.kit.secrets.SecretBoxException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.transaction.Transactional;
import org.jboss.logging.Logger;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The connectors ({@link SealedConnector} entities): the Tracker token and the secret settings sealed by {@link SecretBox},
 * opened only when a connector is loaded to make a call. Also the connector's state: {@code error} while an external
 * system rejects its credentials, with the system's message; its write-back deliveries wait (destination paused).
 */
@ApplicationScoped
public class Connectors {

    private static final Logger LOG = Logger.getLogger(Connectors.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<Map<String, String>> SECRETS = new TypeReference<>() {
    };

    private final Sql sql;
    private final SecretBox box;
    private final Outbox outbox;

    public Connectors(Sql sql, SecretBox box, Outbox outbox) {
        this.sql = sql;
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
        SealedConnector row = new SealedConnector();
        // SQL: the id is drawn before the row is written, as the seals name it (an insert takes them at once)
        row.id = sql.one("select nextval('connector_id_seq')", rs -> rs.getLong(1)).orElseThrow();
        Instant now = Instant.now();
        row.state = "active";
        row.createdAt = now;
        settings(row, spec, now);
        row.trackerToken = box.seal(spec.trackerToken(), tokenContext(row.id));
        row.secrets = sealSecrets(spec.secrets(), row.id);
        row.persist();
        return row.id;
    }

    /**
     * Replaces a connector's settings; false if there is none. A fixed connector is active again and its waiting
     * deliveries are sent at once.
     */
    @Transactional
    public boolean replace(long id, ConnectorSpec spec) {
        SealedConnector row = SealedConnector.findById(id);
        if (row == null) {
            return false;
        }
        Instant now = Instant.now();
        if (!"active".equals(row.state)) {
            row.stateChangedAt = now;
        }
        row.state = "active";
        row.stateReason = null;
        settings(row, spec, now);
        row.secrets = sealSecrets(spec.secrets(), id);
        if (spec.trackerToken() != null) {
            row.trackerToken = box.seal(spec.trackerToken(), tokenContext(id));
        }
        return true;
    }

    private static void settings(SealedConnector row, ConnectorSpec spec, Instant now) {
        row.type = spec.type().wire();
        row.name = spec.name();
        row.trackerBaseUrl = spec.trackerBaseUrl();
        row.trackerProjectId = spec.trackerProjectId();
        row.config = spec.config().toString();
        row.updatedAt = now;
    }

    /** After a replace committed: the connector's paused deliveries are due again. */
    public void resume(long id) {
        outbox.resume(Connector.destination(id));
    }

    /** Deletes a connector and its links; its unsent deliveries fail with that reason when their turn comes. */
    @Transactional
    public boolean delete(long id) {
        // the database deletes its links and ledger (on delete cascade)
        boolean deleted = SealedConnector.delete("id", id) == 1;
        if (deleted) {
            outbox.forget(Connector.destination(id));
        }
        return deleted;
    }

    @Transactional
    public Optional<Connector> load(long id) {
        return SealedConnector.<SealedConnector>findByIdOptional(id).map(this::opened);
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

    @Transactional
    public List<Connector> list() {
        return SealedConnector.<SealedConnector>listAll(Sort.by("id")).stream().map(this::opened).toList();
    }

    /** Stored secret settings of a connector (for a PUT that leaves them out). */
    public Map<String, String> storedSecrets(long id) {
        return load(id).map(Connector::secrets).orElse(Map.of());
    }

    /**
     * The external system (or Tracker) rejected the connector's credentials: state {@code error} with its message,
     * and its write-back destination paused so that nothing more is attempted (nor lost) until the connector is fixed.
     */
    @Transactional
    public void credentialsRejected(long id, String reason) {
        int changed = SealedConnector.update("state = 'error', stateReason = ?1, stateChangedAt = ?2, updatedAt = ?2 "
                + "where id = ?3 and (state <> 'error' or stateReason is distinct from ?1)", reason, Instant.now(), id);
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

    private Connector opened(SealedConnector row) {
        long id = row.id;
        Map<String, String> secrets = Map.of();
        Connector.State state = Connector.State.valueOf(row.state.toUpperCase(java.util.Locale.ROOT));
        String reason = row.stateReason;
        // a secret sealed under a key this service no longer has: this connector is in error and says so, the others work
        String token = null;
        try {
            token = box.open(row.trackerToken, tokenContext(id));
            secrets = row.secrets == null ? Map.of() : Map.copyOf(JSON.readValue(box.open(row.secrets, secretsContext(id)), SECRETS));
        } catch (SecretBoxException e) {
            state = Connector.State.ERROR;
            reason = (token == null ? "its Tracker token" : "its credentials") + " cannot be opened: " + e.getMessage()
                    + "; set " + (token == null ? "tracker.api_token and the credentials" : "the credentials") + " again with PUT /api/connectors/" + id;
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("connector " + id + " has unreadable credentials", e);
        }
        ObjectNode config;
        try {
            config = (ObjectNode) JSON.readTree(row.config);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("connector " + id + " has unreadable settings", e);
        }
        return new Connector(id, ConnectorType.of(row.type).orElseThrow(), row.name, row.trackerBaseUrl, row.trackerProjectId, token,
                config, secrets, state, reason, row.stateChangedAt, row.createdAt, row.updatedAt);
    }
}
