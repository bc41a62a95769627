package io.trackerhub.connector.systems.lighthouse;

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
import io.trackerhub.kit.errors.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Lighthouse JSON API: the tickets matching a ticket bin's query are the import list; a ticket's text is its
 * {@code latest_body} (the first version's body where that is missing); story comments become ticket notes (a ticket
 * update with a body) and state changes set the ticket state named in the connector's {@code states} (by default
 * started → open, finished and accepted → resolved, Lighthouse's default states).
 */
@ApplicationScoped
public class LighthouseSystem implements ExternalSystem {

    static final String SYSTEM = "Lighthouse";
    public static final Map<String, String> DEFAULT_STATES = Map.of(StoryStates.STARTED, "open", StoryStates.FINISHED, "resolved",
            StoryStates.ACCEPTED, "resolved");

    private final RestClients clients;

    public LighthouseSystem(RestClients clients) {
        this.clients = clients;
    }

    @Override
    public ConnectorType type() {
        return ConnectorType.LIGHTHOUSE;
    }

    /** The account as a name (acme) or its URL; the states Tracker's are written as. */
    @Override
    public void checkConfig(ConfigCheck config) {
        config.stateMap("states", "Lighthouse states", "{\"started\": \"open\", \"accepted\": \"resolved\"}");
        String account = config.settings().get("account").asText();
        if (account.startsWith("http://") || account.startsWith("https://")) {
            ConfigCheck.checkUrl("config.account", account, "https://acme.lighthouseapp.com");
            config.settings().put("account", account.replaceAll("/+$", ""));
        } else if (!account.matches("[A-Za-z0-9][A-Za-z0-9-]*")) {
            throw ProblemException.invalid("config.account", "'" + account + "' is not a Lighthouse account name, e.g. acme for acme.lighthouseapp.com");
        }
    }

    /** {@code acme} is https://acme.lighthouseapp.com; a full URL is taken as it is (a self-hosted or test server). */
    static String base(Connector c) {
        String account = c.setting("account");
        return account.startsWith("http") ? account : "https://" + account + ".lighthouseapp.com";
    }

    private LighthouseApi api(Connector c) {
        String token = c.secret("token");
        return clients.of(c, LighthouseApi.class, SYSTEM, base(c),
                token == null || token.isEmpty() ? RestClients.none() : RestClients.header("X-LighthouseToken", token));
    }

    @Override
    public ImportPage importList(Connector c, String cursor, int perPage) {
        int page = ImportPage.number(cursor);
        String project = c.setting("project_id");
        String binWhat = "ticket bin " + c.setting("bin_id");
        JsonNode bin = Calls.required(SYSTEM, binWhat, Calls.present(SYSTEM, binWhat,
                Calls.call(SYSTEM, binWhat, () -> api(c).bin(project, c.setting("bin_id")))), "ticket_bin");
        String query = Calls.required(SYSTEM, binWhat, bin, "query").asText();
        String what = "the tickets of bin " + c.setting("bin_id");
        JsonNode answer = Calls.present(SYSTEM, what, Calls.call(SYSTEM, what, () -> api(c).tickets(project, query, page, perPage)));
        JsonNode tickets = Calls.list(SYSTEM, what, answer, "tickets");
        List<ExternalItem> items = new ArrayList<>();
        for (JsonNode wrapped : tickets) {
            items.add(item(c, wrapped.has("ticket") ? wrapped.get("ticket") : wrapped, what));
        }
        return ImportPage.numbered(items, page, tickets.size() >= perPage);
    }

    @Override
    public ExternalItem item(Connector c, String number) {
        String what = "ticket " + number;
        JsonNode answer = Calls.present(SYSTEM, what, Calls.call(SYSTEM, what, () -> api(c).ticket(c.setting("project_id"), number)));
        return item(c, Calls.required(SYSTEM, what, answer, "ticket"), what);
    }

    private ExternalItem item(Connector c, JsonNode ticket, String what) {
        String number = Calls.required(SYSTEM, what, ticket, "number").asText();
        String url = Calls.text(ticket, "url");
        String tag = Calls.text(ticket, "tag");
        return new ExternalItem(number, ticket.path("title").asText("Ticket " + number), Calls.text(ticket, "state"),
                Calls.text(ticket, "creator_name"), Calls.text(ticket, "created_at"), url != null ? url : url(c, number),
                body(ticket), ExternalItem.storyTypeOf(tag), null);
    }

    /** The ticket's text now: {@code latest_body}, else the first version's body, else {@code original_body}. */
    public static String body(JsonNode ticket) {
        String latest = Calls.text(ticket, "latest_body");
        if (latest != null && !latest.isBlank()) {
            return latest;
        }
        for (JsonNode version : ticket.path("versions")) {
            JsonNode v = version.has("version") ? version.get("version") : version;
            String body = Calls.text(v, "body");
            if (body != null && !body.isBlank()) {
                return body;
            }
        }
        return Calls.text(ticket, "original_body");
    }

    @Override
    public String url(Connector c, String number) {
        return base(c) + "/projects/" + c.setting("project_id") + "/tickets/" + number;
    }

    /** The Lighthouse state a story state asks for: the connector's {@code states} map, else the defaults. */
    static Optional<String> state(Connector c, WriteBack w) {
        String story = w.toState() == null ? "" : w.toState();
        JsonNode states = c.config().get("states");
        if (states != null && states.isObject()) {
            JsonNode mapped = states.get(story);
            return mapped == null || !mapped.isTextual() || mapped.asText().isBlank() ? Optional.empty() : Optional.of(mapped.asText());
        }
        return Optional.ofNullable(DEFAULT_STATES.get(story));
    }

    @Override
    public boolean takes(Connector c, WriteBack w) {
        return w.comment() || w.stateChange() && state(c, w).isPresent();
    }

    @Override
    public Written writeBack(Connector c, WriteBack w) {
        ObjectNode body = Calls.object();
        ObjectNode ticket = body.putObject("ticket");
        if (w.comment()) {
            ticket.put("body", w.commentText());
        } else {
            ticket.put("state", state(c, w).orElseThrow());
        }
        Calls.call(SYSTEM, "the update of ticket " + w.externalId(), () -> api(c).update(c.setting("project_id"), w.externalId(), body));
        return Written.nothingToNote();
    }
}
