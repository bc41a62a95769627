package io.trackerhub.connector.api;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.trackerhub.connector.connectors.Connector;
import io.trackerhub.kit.outbox.Destination;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A connector as the API shows it: settings without credentials ({@code credentials} names the ones stored), its
 * state ({@code error} with the external system's message while its credentials are rejected) and whether its
 * write-back is paused.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record ConnectorView(long id, String type, String name, Map<String, Object> tracker, ObjectNode config, List<String> credentials,
                            String state, String stateReason, Instant stateChangedAt, boolean writeBackPaused, String pauseReason,
                            Instant createdAt, Instant updatedAt) {

    static ConnectorView of(Connector c, Destination d) {
        List<String> credentials = new java.util.ArrayList<>(c.secrets().keySet().stream().sorted().toList());
        credentials.add(0, "tracker.api_token");
        return new ConnectorView(c.id(), c.type().wire(), c.name(), Map.of("base_url", c.trackerBaseUrl(), "project_id", c.trackerProjectId()),
                c.config(), credentials, c.state().wire(), c.stateReason(), c.stateChangedAt(), d.paused(), d.pauseReason(),
                c.createdAt(), c.updatedAt());
    }
}
