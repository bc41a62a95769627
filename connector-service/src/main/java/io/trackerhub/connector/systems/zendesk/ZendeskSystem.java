package io.trackerhub.connector.systems.zendesk;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.trackerhub.connector.connectors.Connector;
import io.trackerhub.connector.connectors.ConnectorType;
import io.trackerhub.connector.systems.Calls;
import io.trackerhub.connector.systems.ConfigCheck;
import io.trackerhub.connector.systems.ExternalItem;
import io.trackerhub.connector.systems.ExternalSystem;
import io.trackerhub.connector.systems.ImportPage;
import io.trackerhub.connector.systems.RestClients;
import io.trackerhub.connector.systems.WriteBack;
import io.trackerhub.events.vocabulary.StoryStates;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Zendesk API v2: the tickets of a view are the import list, each with its requester's name (side-loaded users);
 * story comments and every state change become private ticket comments (customers never see them); starting a story
 * whose ticket is {@code new} opens the ticket.
 */
@ApplicationScoped
class ZendeskSystem implements ExternalSystem {

    static final String SYSTEM = "Zendesk";
    static final String USERS = "users";

    private final RestClients clients;

    public ZendeskSystem(RestClients clients) {
        this.clients = clients;
    }

    @Override
    public ConnectorType type() {
        return ConnectorType.ZENDESK;
    }

    @Override
    public String exampleUrl() {
        return "https://acme.zendesk.com";
    }

    @Override
    public void checkConfig(ConfigCheck config) {
        config.requireSecrets();
    }

    private static String base(Connector c) {
        return c.setting("url");
    }

    private ZendeskApi api(Connector c) {
        return clients.of(c, ZendeskApi.class, SYSTEM, base(c),
                RestClients.header("Authorization", Calls.basic(c.setting("email") + "/token", c.secret("api_token"))));
    }

    @Override
    public ImportPage importList(Connector c, String cursor, int perPage) {
        int page = ImportPage.number(cursor);
        String what = "the tickets of view " + c.setting("view_id");
        JsonNode answer = Calls.present(SYSTEM, what, Calls.call(SYSTEM, what,
                () -> api(c).viewTickets(c.setting("view_id"), page, perPage, USERS)));
        Map<String, String> names = names(answer);
        List<ExternalItem> items = new ArrayList<>();
        for (JsonNode ticket : Calls.list(SYSTEM, what, answer, "tickets")) {
            items.add(item(c, ticket, names, what));
        }
        return ImportPage.numbered(items, page, answer.hasNonNull("next_page"));
    }

    @Override
    public ExternalItem item(Connector c, String id) {
        String what = "ticket " + id;
        JsonNode answer = ticket(c, id);
        return item(c, Calls.required(SYSTEM, what, answer, "ticket"), names(answer), what);
    }

    private JsonNode ticket(Connector c, String id) {
        String what = "ticket " + id;
        return Calls.present(SYSTEM, what, Calls.call(SYSTEM, what, () -> api(c).ticket(id, USERS)));
    }

    /** The side-loaded users by id. */
    private static Map<String, String> names(JsonNode answer) {
        Map<String, String> names = new HashMap<>();
        for (JsonNode user : answer.path("users")) {
            if (user.hasNonNull("id") && user.hasNonNull("name")) {
                names.put(user.get("id").asText(), user.get("name").asText());
            }
        }
        return names;
    }

    private ExternalItem item(Connector c, JsonNode ticket, Map<String, String> names, String what) {
        String id = Calls.required(SYSTEM, what, ticket, "id").asText();
        String type = Calls.text(ticket, "type");
        String requester = Calls.text(ticket, "requester_id");
        return new ExternalItem(id, ticket.path("subject").asText("Ticket " + id), type,
                requester == null ? null : names.getOrDefault(requester, requester), Calls.text(ticket, "created_at"), url(c, id),
                Calls.text(ticket, "description"), ExternalItem.storyTypeOf(type), null);
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
        ObjectNode ticket = Calls.object();
        ticket.putObject("comment").put("body", w.comment() ? w.commentText() : w.stateText()).put("public", false);
        if (w.stateChange() && StoryStates.STARTED.equals(w.toState())) {
            JsonNode current = Calls.required(SYSTEM, "ticket " + w.externalId(), ticket(c, w.externalId()), "ticket");
            if ("new".equals(Calls.text(current, "status"))) {
                ticket.put("status", "open");
            }
        }
        ObjectNode body = Calls.object();
        body.set("ticket", ticket);
        JsonNode answer = Calls.ofWrite(Calls.call(SYSTEM, "the update of ticket " + w.externalId(), () -> api(c).update(w.externalId(), body)));
        for (JsonNode event : answer.path("audit").path("events")) {
            if ("Comment".equals(event.path("type").asText())) {
                return Written.comment(event.path("id").asText());
            }
        }
        return Written.nothingToNote();
    }
}
