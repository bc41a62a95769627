package io.trackerhub.connector.systems.lighthouse;

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
import java.util.Optional;

/**
 * Lighthouse JSON API: the tickets matching a ticket bin's query are the import list; story comments become ticket
 * notes (a ticket update with a body) and started/finished/accepted set the ticket state (open/resolved/resolved).
 */
@ApplicationScoped
public class LighthouseSystem implements ExternalSystem {

    static final String SYSTEM = "Lighthouse";

    private final Remote remote;

    public LighthouseSystem(Remote remote) {
        this.remote = remote;
    }

    @Override
    public ConnectorType type() {
        return ConnectorType.LIGHTHOUSE;
    }

    /** {@code acme} is https://acme.lighthouseapp.com; a full URL is taken as it is (a self-hosted or test server). */
    static String base(Connector c) {
        String account = c.setting("account");
        return account.startsWith("http") ? account : "https://" + account + ".lighthouseapp.com";
    }

    private static String project(Connector c) {
        return base(c) + "/projects/" + c.setting("project_id");
    }

    private static Map<String, String> auth(Connector c) {
        String token = c.secret("token");
        return token == null || token.isEmpty() ? Map.of() : Map.of("X-LighthouseToken", token);
    }

    @Override
    public ImportPage importList(Connector c, int page, int perPage) {
        String binWhat = "ticket bin " + c.setting("bin_id");
        JsonNode bin = Remote.required(SYSTEM, binWhat, Remote.json(SYSTEM, binWhat,
                remote.get(SYSTEM, project(c) + "/bins/" + c.setting("bin_id") + ".json", auth(c))), "ticket_bin");
        String query = Remote.required(SYSTEM, binWhat, bin, "query").asText();
        String what = "the tickets of bin " + c.setting("bin_id");
        JsonNode answer = Remote.json(SYSTEM, what, remote.get(SYSTEM, project(c) + "/tickets.json"
                + Remote.query(Map.of("q", query, "page", page, "limit", perPage)), auth(c)));
        JsonNode tickets = Remote.required(SYSTEM, what, answer, "tickets");
        if (!tickets.isArray()) {
            throw SystemFailure.malformed(SYSTEM, what, "\"tickets\" that is not a list");
        }
        List<ExternalItem> items = new ArrayList<>();
        for (JsonNode wrapped : tickets) {
            items.add(item(c, wrapped.has("ticket") ? wrapped.get("ticket") : wrapped, what));
        }
        return new ImportPage(items, tickets.size() >= perPage);
    }

    @Override
    public ExternalItem item(Connector c, String number) {
        String what = "ticket " + number;
        JsonNode answer = Remote.json(SYSTEM, what, remote.get(SYSTEM, project(c) + "/tickets/" + Remote.encode(number) + ".json", auth(c)));
        return item(c, Remote.required(SYSTEM, what, answer, "ticket"), what);
    }

    private ExternalItem item(Connector c, JsonNode ticket, String what) {
        String number = Remote.required(SYSTEM, what, ticket, "number").asText();
        String url = Remote.text(ticket, "url");
        String tag = Remote.text(ticket, "tag");
        return new ExternalItem(number, ticket.path("title").asText("Ticket " + number), Remote.text(ticket, "state"),
                Remote.text(ticket, "creator_name"), Remote.text(ticket, "created_at"), url != null ? url : url(c, number),
                Remote.text(ticket, "original_body"), ExternalItem.storyTypeOf(tag), null);
    }

    @Override
    public String url(Connector c, String number) {
        return project(c) + "/tickets/" + number;
    }

    static Optional<String> state(WriteBack w) {
        return switch (w.toState() == null ? "" : w.toState()) {
            case "started" -> Optional.of("open");
            case "finished", "accepted" -> Optional.of("resolved");
            default -> Optional.empty();
        };
    }

    @Override
    public boolean takes(Connector c, WriteBack w) {
        return w.comment() || w.stateChange() && state(w).isPresent();
    }

    @Override
    public Written writeBack(Connector c, WriteBack w) {
        ObjectNode body = Remote.JSON.createObjectNode();
        ObjectNode ticket = body.putObject("ticket");
        if (w.comment()) {
            ticket.put("body", w.commentText());
        } else {
            ticket.put("state", state(w).orElseThrow());
        }
        remote.send(SYSTEM, "PUT", project(c) + "/tickets/" + Remote.encode(w.externalId()) + ".json", body.toString(), auth(c));
        return Written.nothingToNote();
    }
}
