package io.trackerhub.connector.systems.zendesk;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.trackerhub.connector.connectors.Connector;
import io.trackerhub.connector.connectors.ConnectorType;
import io.trackerhub.connector.systems.ExternalItem;
import io.trackerhub.connector.systems.ExternalSystem;
import io.trackerhub.connector.systems.ImportPage;
import io.trackerhub.connector.systems.Remote;
import io.trackerhub.connector.systems.SystemFailure;
import io.trackerhub.connector.writeback.WriteBack;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Zendesk API v2: the tickets of a view are the import list; story comments and every state change become private
 * ticket comments (customers never see them); starting a story whose ticket is {@code new} opens the ticket.
 */
@ApplicationScoped
public class ZendeskSystem implements ExternalSystem {

    static final String SYSTEM = "Zendesk";

    private final Remote remote;

    public ZendeskSystem(Remote remote) {
        this.remote = remote;
    }

    @Override
    public ConnectorType type() {
        return ConnectorType.ZENDESK;
    }

    private static String base(Connector c) {
        return c.setting("url");
    }

    private static Map<String, String> auth(Connector c) {
        return Map.of("Authorization", Remote.basic(c.setting("email") + "/token", c.secret("api_token")));
    }

    @Override
    public ImportPage importList(Connector c, int page, int perPage) {
        String what = "the tickets of view " + c.setting("view_id");
        JsonNode answer = Remote.json(SYSTEM, what, remote.get(SYSTEM, base(c) + "/api/v2/views/" + c.setting("view_id") + "/tickets.json"
                + Remote.query(Map.of("page", page, "per_page", perPage)), auth(c)));
        JsonNode tickets = Remote.required(SYSTEM, what, answer, "tickets");
        if (!tickets.isArray()) {
            throw SystemFailure.malformed(SYSTEM, what, "\"tickets\" that is not a list");
        }
        List<ExternalItem> items = new ArrayList<>();
        for (JsonNode ticket : tickets) {
            items.add(item(c, ticket, what));
        }
        return new ImportPage(items, answer.hasNonNull("next_page"));
    }

    @Override
    public ExternalItem item(Connector c, String id) {
        String what = "ticket " + id;
        return item(c, Remote.required(SYSTEM, what, ticket(c, id), "ticket"), what);
    }

    private JsonNode ticket(Connector c, String id) {
        return Remote.json(SYSTEM, "ticket " + id, remote.get(SYSTEM, base(c) + "/api/v2/tickets/" + Remote.encode(id) + ".json", auth(c)));
    }

    private ExternalItem item(Connector c, JsonNode ticket, String what) {
        String id = Remote.required(SYSTEM, what, ticket, "id").asText();
        String type = Remote.text(ticket, "type");
        return new ExternalItem(id, ticket.path("subject").asText("Ticket " + id), type, Remote.text(ticket, "requester_id"),
                Remote.text(ticket, "created_at"), url(c, id), Remote.text(ticket, "description"),
                ExternalItem.storyTypeOf(type), null);
    }

    @Override
    public String url(Connector c, String id) {
        return base(c) + "/agent/tickets/" + id;
    }

    @Override
    public boolean takes(Connector c, WriteBack w) {
        return true;
    }

    @Override
    public Written writeBack(Connector c, WriteBack w) {
        ObjectNode ticket = Remote.JSON.createObjectNode();
        ticket.putObject("comment").put("body", w.comment() ? w.commentText() : w.stateText()).put("public", false);
        if (w.stateChange() && "started".equals(w.toState())) {
            JsonNode current = Remote.required(SYSTEM, "ticket " + w.externalId(), ticket(c, w.externalId()), "ticket");
            if ("new".equals(Remote.text(current, "status"))) {
                ticket.put("status", "open");
            }
        }
        ObjectNode body = Remote.JSON.createObjectNode();
        body.set("ticket", ticket);
        JsonNode answer = Remote.jsonOfWrite(
                remote.send(SYSTEM, "PUT", base(c) + "/api/v2/tickets/" + Remote.encode(w.externalId()) + ".json", body.toString(), auth(c)));
        for (JsonNode event : answer.path("audit").path("events")) {
            if ("Comment".equals(event.path("type").asText())) {
                return Written.comment(event.path("id").asText());
            }
        }
        return Written.nothingToNote();
    }
}
