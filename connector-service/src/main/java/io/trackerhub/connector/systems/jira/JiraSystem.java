package io.trackerhub.connector.systems.jira;

import com.fasterxml.jackson.databind.JsonNode;
import io.trackerhub.connector.connectors.Connector;
import io.trackerhub.connector.connectors.ConnectorType;
import io.trackerhub.connector.systems.ExternalItem;
import io.trackerhub.connector.systems.ExternalSystem;
import io.trackerhub.connector.systems.ImportPage;
import io.trackerhub.connector.systems.Remote;
import io.trackerhub.connector.writeback.WriteBack;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Jira REST API v2: the issues of a saved filter are the import list; story comments become Jira comments and state
 * changes run the workflow transition of that name, looked up per issue (workflows differ).
 */
@ApplicationScoped
public class JiraSystem implements ExternalSystem {

    static final String SYSTEM = "Jira";
    static final String FIELDS = "summary,issuetype,reporter,created,description";

    private final Remote remote;

    public JiraSystem(Remote remote) {
        this.remote = remote;
    }

    @Override
    public ConnectorType type() {
        return ConnectorType.JIRA;
    }

    private static String base(Connector c) {
        return c.setting("base_url");
    }

    private static Map<String, String> auth(Connector c) {
        return Map.of("Authorization", Remote.basic(c.setting("username"), c.secret("api_token")));
    }

    @Override
    public ImportPage importList(Connector c, int page, int perPage) {
        Map<String, Object> query = new LinkedHashMap<>();
        query.put("jql", "filter=" + c.setting("filter_id"));
        query.put("startAt", (page - 1) * perPage);
        query.put("maxResults", perPage);
        query.put("fields", FIELDS);
        String what = "the search of filter " + c.setting("filter_id");
        JsonNode answer = Remote.json(SYSTEM, what, remote.get(SYSTEM, base(c) + "/rest/api/2/search" + Remote.query(query), auth(c)));
        JsonNode issues = Remote.required(SYSTEM, what, answer, "issues");
        if (!issues.isArray()) {
            throw io.trackerhub.connector.systems.SystemFailure.malformed(SYSTEM, what, "\"issues\" that is not a list");
        }
        List<ExternalItem> items = new ArrayList<>();
        for (JsonNode issue : issues) {
            items.add(item(c, issue, what));
        }
        long total = answer.path("total").asLong(items.size());
        return new ImportPage(items, (long) (page - 1) * perPage + issues.size() < total);
    }

    @Override
    public ExternalItem item(Connector c, String key) {
        String what = "issue " + key;
        return item(c, Remote.json(SYSTEM, what, remote.get(SYSTEM, base(c) + "/rest/api/2/issue/" + Remote.encode(key)
                + Remote.query(Map.of("fields", FIELDS)), auth(c))), what);
    }

    private ExternalItem item(Connector c, JsonNode issue, String what) {
        String key = Remote.required(SYSTEM, what, issue, "key").asText();
        JsonNode fields = issue.path("fields");
        String type = fields.path("issuetype").path("name").asText(null);
        return new ExternalItem(key, fields.path("summary").asText(key), type, fields.path("reporter").path("displayName").asText(null),
                fields.path("created").asText(null), url(c, key), fields.path("description").asText(null),
                ExternalItem.storyTypeOf(type), null);
    }

    @Override
    public String url(Connector c, String key) {
        return base(c) + "/browse/" + key;
    }

    /** The transition a story state asks for: finished and delivered leave the issue in progress. */
    static Optional<String> transition(WriteBack w) {
        return switch (w.toState() == null ? "" : w.toState()) {
            case "started" -> Optional.of("Start Progress");
            case "accepted" -> Optional.of("Resolve Issue");
            case "rejected" -> Optional.of("Reopen Issue");
            default -> Optional.empty();
        };
    }

    @Override
    public boolean takes(Connector c, WriteBack w) {
        return w.comment() || w.stateChange() && transition(w).isPresent();
    }

    @Override
    public Written writeBack(Connector c, WriteBack w) {
        String issue = base(c) + "/rest/api/2/issue/" + Remote.encode(w.externalId());
        if (w.comment()) {
            String body = Remote.JSON.createObjectNode().put("body", w.commentText()).toString();
            JsonNode created = Remote.jsonOfWrite(remote.send(SYSTEM, "POST", issue + "/comment", body, auth(c)));
            return Written.comment(Remote.text(created, "id"));
        }
        String wanted = transition(w).orElseThrow();
        String what = "the transitions of " + w.externalId();
        JsonNode transitions = Remote.required(SYSTEM, what, Remote.json(SYSTEM, what, remote.get(SYSTEM, issue + "/transitions", auth(c))),
                "transitions");
        List<String> available = new ArrayList<>();
        for (JsonNode transition : transitions) {
            String name = transition.path("name").asText();
            if (name.equalsIgnoreCase(wanted)) {
                String body = "{\"transition\":{\"id\":" + Remote.JSON.getNodeFactory().textNode(transition.path("id").asText()) + "}}";
                remote.send(SYSTEM, "POST", issue + "/transitions", body, auth(c));
                return Written.nothingToNote();
            }
            available.add(name);
        }
        return Written.problem("Jira issue " + w.externalId() + " has no transition \"" + wanted + "\" now (story " + w.toState()
                + "); available: " + (available.isEmpty() ? "none" : String.join(", ", available)));
    }
}
