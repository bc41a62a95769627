package io.trackerhub.connector.connectors;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.time.Instant;
import java.util.Map;

/**
 * A connector with its credentials opened (in memory only). {@code config} holds the settings that are not secret,
 * {@code secrets} the ones that are (api_token, password, api_key, token).
 */
public record Connector(long id, ConnectorType type, String name, String trackerBaseUrl, long trackerProjectId,
                        String trackerToken, ObjectNode config, Map<String, String> secrets, State state, String stateReason,
                        Instant stateChangedAt, Instant createdAt, Instant updatedAt) {

    public enum State {
        ACTIVE, ERROR;

        public String wire() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /** Outbox destination of this connector's write-back calls: paused as a whole while its credentials are rejected. */
    public static String destination(long id) {
        return "connector/" + id;
    }

    public String destination() {
        return destination(id);
    }

    /** A setting that is not secret, or null. */
    public String setting(String name) {
        JsonNode value = config.get(name);
        return value == null || value.isNull() ? null : value.asText();
    }

    public boolean flag(String name, boolean otherwise) {
        JsonNode value = config.get(name);
        return value == null || value.isNull() ? otherwise : value.asBoolean();
    }

    /** A secret setting, or null. */
    public String secret(String name) {
        return secrets.get(name);
    }

    /** What operators see in /admin/outbox: never a credential. */
    public String target(String externalId) {
        return "connector " + id + " (" + type.wire() + ") " + externalId;
    }
}
