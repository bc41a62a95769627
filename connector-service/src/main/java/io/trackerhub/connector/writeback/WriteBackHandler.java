package io.trackerhub.connector.writeback;

import io.trackerhub.connector.connectors.Connector;
import io.trackerhub.connector.connectors.ConnectorType;
import io.trackerhub.connector.connectors.Connectors;
import io.trackerhub.connector.ledger.Ledger;
import io.trackerhub.connector.links.Links;
import io.trackerhub.connector.systems.Calls;
import io.trackerhub.connector.systems.ExternalSystem;
import io.trackerhub.connector.systems.SystemFailure;
import io.trackerhub.connector.systems.Systems;
import io.trackerhub.connector.systems.WriteBack;
import io.trackerhub.kit.outbox.Delivery;
import io.trackerhub.kit.outbox.DeliveryHandler;
import io.trackerhub.kit.outbox.DeliveryResult;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Arrays;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The outbox handler of every system that takes write-backs (one channel per connector type): opens the connector's
 * credentials now, makes the call through the type's {@link ExternalSystem}, records the comment ids it created, and
 * puts the connector in error (its destination paused, nothing dropped) when the system rejects its credentials.
 */
@ApplicationScoped
class WriteBackHandler implements DeliveryHandler {

    private final Connectors connectors;
    private final Links links;
    private final Ledger ledger;
    private final Systems systems;

    public WriteBackHandler(Connectors connectors, Links links, Ledger ledger, Systems systems) {
        this.connectors = connectors;
        this.links = links;
        this.ledger = ledger;
        this.systems = systems;
    }

    @Override
    public String channel() {
        return ConnectorType.JIRA.wire();
    }

    @Override
    public Set<String> channels() {
        return Arrays.stream(ConnectorType.values()).filter(ConnectorType::writesBack).map(ConnectorType::wire).collect(Collectors.toSet());
    }

    @Override
    public DeliveryResult deliver(Delivery delivery) {
        WriteBack w;
        try {
            w = Calls.JSON.readValue(delivery.payload(), WriteBack.class);
        } catch (Exception e) {
            return DeliveryResult.rejected("unreadable write-back: " + e.getMessage());
        }
        Optional<Connector> connector = connectors.load(w.connectorId());
        if (connector.isEmpty()) {
            return DeliveryResult.rejected("connector " + w.connectorId() + " was deleted before this was sent");
        }
        Connector c = connector.get();
        if (links.find(w.linkId()).isEmpty()) {
            return DeliveryResult.rejected("link " + w.linkId() + " was deleted before this was sent");
        }
        if (c.state() == Connector.State.ERROR) {
            // paused since; this one was claimed just before
            connectors.credentialsRejected(c.id(), c.stateReason());
            return DeliveryResult.retry("connector " + c.id() + " is in error: " + c.stateReason());
        }
        ExternalSystem system = systems.of(c.type());
        try {
            ExternalSystem.Written written = system.writeBack(c, w);
            written.externalCommentIds().forEach(id -> ledger.record(c.id(), Ledger.Kind.EXTERNAL_COMMENT, id));
            if (written.problem() != null) {
                links.noteProblem(w.linkId(), written.problem());
            }
            return DeliveryResult.delivered();
        } catch (SystemFailure e) {
            if (e.kind() == SystemFailure.Kind.CREDENTIALS) {
                connectors.credentialsRejected(c.id(), e.getMessage());
            }
            return e.result();
        }
    }
}
