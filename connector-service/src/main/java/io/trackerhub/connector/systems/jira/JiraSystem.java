package io.trackerhub.connector.systems.jira;

import com.fasterxml.jackson.databind.JsonNode;
import io.trackerhub.connector.connectors.Connector;
import io.trackerhub.connector.connectors.ConnectorType;
import io.trackerhub.connector.systems.Calls;
import io.trackerhub.connector.systems.ConfigCheck;
import io.trackerhub.connector.systems.ExternalItem;
import io.trackerhub.connector.systems.ExternalSystem;
import io.trackerhub.connector.systems.ImportPage;
import io.trackerhub.connector.systems.RestClients;
import io.trackerhub.connector.systems.SystemFailure;
import io.trackerhub.connector.systems.WriteBack;
import io.trackerhub.events.vocabulary.StoryStates;
import io.trackerhub.kit.errors.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Jira Cloud and Jira Server/Data Center: the issues of a saved filter are the import list; story comments become
 * Jira comments and state changes run a workflow transition, looked up per issue (workflows differ). Which Jira it
 * is, {@code GET /rest/api/2/serverInfo} says once per connector: Cloud lists through the enhanced search and reads
 * issues in v3 (descriptions in Atlassian Document Format), Server/Data Center through the classic search.
 */
@ApplicationScoped
class JiraSystem implements ExternalSystem {

    static final String SYSTEM = "Jira";
    static final String FIELDS = "summary,issuetype,reporter,created,description";

    /** The transitions each story state asks for without a per-connector map: classic names, then a status category. */
    record Wanted(List<String> names, List<String> categories) {
        boolean any() {
            return !names.isEmpty() || !categories.isEmpty();
        }
    }

    static final Map<String, Wanted> DEFAULT_TRANSITIONS = Map.of(
            StoryStates.STARTED, new Wanted(List.of("Start Progress"), List.of("indeterminate")),
            StoryStates.ACCEPTED, new Wanted(List.of("Resolve Issue"), List.of("done")),
            StoryStates.REJECTED, new Wanted(List.of("Reopen Issue"), List.of("indeterminate", "new")),
            StoryStates.UNSTARTED, new Wanted(List.of("Stop Progress"), List.of("new")));

    private record Deployment(Instant version, boolean cloud) {
    }

    private final RestClients clients;
    private final Map<Long, Deployment> deployments = new ConcurrentHashMap<>();

    public JiraSystem(RestClients clients) {
        this.clients = clients;
    }

    @Override
    public ConnectorType type() {
        return ConnectorType.JIRA;
    }

    @Override
    public String exampleUrl() {
        return "https://acme.atlassian.net";
    }

    @Override
    public void checkConfig(ConfigCheck config) {
        config.requireSecrets();
        config.stateMap("transitions", "Jira transition names", "{\"started\": \"In Progress\", \"accepted\": \"Done\"}");
        String auth = config.oneOf("auth", List.of("basic", "bearer"), "basic");
        if (auth.equals("basic") && !config.has("username")) {
            throw ProblemException.invalid("config.username", "is required for a jira connector with auth basic: the Cloud account's email "
                    + "(with an API token) or the Server user name (with its password); a Data Center personal access token takes auth bearer");
        }
    }

    private static String base(Connector c) {
        return c.setting("base_url");
    }

    private JiraApi api(Connector c) {
        RestClients.Auth auth = "bearer".equals(c.setting("auth"))
                ? RestClients.header("Authorization", "Bearer " + c.secret("api_token"))
                : RestClients.header("Authorization", Calls.basic(c.setting("username"), c.secret("api_token")));
        return clients.of(c, JiraApi.class, SYSTEM, base(c), auth);
    }

    /** Whether the connector's Jira is Cloud, asked once per connector (and again after it is saved). */
    boolean cloud(Connector c) {
        Deployment known = deployments.get(c.id());
        if (known != null && known.version().equals(c.updatedAt())) {
            return known.cloud();
        }
        boolean cloud;
        try {
            JsonNode info = Calls.present(SYSTEM, "its server info", Calls.call(SYSTEM, "its server info", () -> api(c).serverInfo()));
            cloud = "cloud".equalsIgnoreCase(info.path("deploymentType").asText(""));
        } catch (SystemFailure e) {
            if (e.kind() != SystemFailure.Kind.REJECTED || e.status() == null || e.status() != 404) {
                throw e;
            }
            // every Jira since 4.x answers serverInfo (Cloud included); a stand-in that does not is read as a Server
            cloud = false;
        }
        if (c.updatedAt() != null) {
            deployments.put(c.id(), new Deployment(c.updatedAt(), cloud));
        }
        return cloud;
    }

    @Override
    public Optional<String> cursorOfPage(Connector c, int page) {
        return cloud(c) ? Optional.empty() : Optional.of(String.valueOf(page));
    }

    @Override
    public ImportPage importList(Connector c, String cursor, int perPage) {
        String jql = "filter=" + c.setting("filter_id");
        String what = "the search of filter " + c.setting("filter_id");
        if (cloud(c)) {
            JsonNode answer = Calls.present(SYSTEM, what, Calls.call(SYSTEM, what, () -> api(c).searchJql(jql, cursor, perPage, FIELDS)));
            List<ExternalItem> items = items(c, Calls.list(SYSTEM, what, answer, "issues"), what);
            String next = Calls.text(answer, "nextPageToken");
            boolean last = answer.path("isLast").asBoolean(next == null);
            return new ImportPage(items, last || next == null || next.isEmpty() ? null : next);
        }
        int page = ImportPage.number(cursor);
        JsonNode answer = Calls.present(SYSTEM, what, Calls.call(SYSTEM, what,
                () -> api(c).search(jql, (page - 1) * perPage, perPage, FIELDS)));
        JsonNode issues = Calls.list(SYSTEM, what, answer, "issues");
        List<ExternalItem> items = items(c, issues, what);
        // Server answers total; without it (or with null) a full page may have a next
        JsonNode total = answer.get("total");
        boolean more = total != null && total.canConvertToLong()
                ? (long) (page - 1) * perPage + issues.size() < total.asLong()
                : issues.size() >= perPage;
        return ImportPage.numbered(items, page, more && !issues.isEmpty());
    }

    private List<ExternalItem> items(Connector c, JsonNode issues, String what) {
        List<ExternalItem> items = new ArrayList<>();
        for (JsonNode issue : issues) {
            items.add(item(c, issue, what));
        }
        return items;
    }

    @Override
    public ExternalItem item(Connector c, String key) {
        String what = "issue " + key;
        int version = cloud(c) ? 3 : 2;
        return item(c, Calls.present(SYSTEM, what, Calls.call(SYSTEM, what, () -> api(c).issue(version, key, FIELDS))), what);
    }

    private ExternalItem item(Connector c, JsonNode issue, String what) {
        String key = Calls.required(SYSTEM, what, issue, "key").asText();
        JsonNode fields = issue.path("fields");
        String type = fields.path("issuetype").path("name").asText(null);
        JsonNode reporter = fields.path("reporter");
        return new ExternalItem(key, fields.path("summary").asText(key), type, reporter.path("displayName").asText(null),
                fields.path("created").asText(null), url(c, key), Adf.text(fields.get("description")),
                ExternalItem.storyTypeOf(type), null);
    }

    @Override
    public String url(Connector c, String key) {
        return base(c) + "/browse/" + key;
    }

    /**
     * The transition a story state asks for: the connector's own map ({@code transitions}: state → transition name)
     * when it names the state, else the classic workflow's name and then the status category a transition leads to.
     * Finished and delivered leave the issue in progress unless the map names them.
     */
    static Wanted wanted(Connector c, String state) {
        String s = state == null ? "" : state;
        JsonNode mapped = c.config().path("transitions").get(s);
        if (mapped != null && mapped.isTextual()) {
            return new Wanted(List.of(mapped.asText()), List.of());
        }
        return DEFAULT_TRANSITIONS.getOrDefault(s, new Wanted(List.of(), List.of()));
    }

    @Override
    public boolean takes(Connector c, WriteBack w) {
        return w.comment() || w.stateChange() && wanted(c, w.toState()).any();
    }

    @Override
    public Written writeBack(Connector c, WriteBack w) {
        String key = w.externalId();
        if (w.comment()) {
            String answer = Calls.call(SYSTEM, "the new comment on " + key,
                    () -> api(c).comment(key, Calls.object().put("body", w.commentText())));
            return Written.comment(Calls.text(Calls.ofWrite(answer), "id"));
        }
        Wanted wanted = wanted(c, w.toState());
        String what = "the transitions of " + key;
        JsonNode transitions = Calls.list(SYSTEM, what, Calls.present(SYSTEM, what, Calls.call(SYSTEM, what, () -> api(c).transitions(key))),
                "transitions");
        Optional<JsonNode> chosen = choose(transitions, wanted);
        if (chosen.isEmpty()) {
            List<String> available = new ArrayList<>();
            transitions.forEach(t -> available.add(t.path("name").asText()
                    + (t.path("to").hasNonNull("name") ? " (to " + t.path("to").path("name").asText() + ")" : "")));
            return Written.problem("Jira issue " + key + " has no transition " + describe(wanted) + " now (story " + w.toState()
                    + "); available: " + (available.isEmpty() ? "none" : String.join(", ", available)));
        }
        JsonNode body = Calls.object().set("transition", Calls.object().put("id", chosen.get().path("id").asText()));
        Calls.call(SYSTEM, "transition " + chosen.get().path("name").asText() + " of " + key, () -> api(c).transition(key, body));
        return Written.nothingToNote();
    }

    /** By name first (in the order asked), then by the category of the status a transition leads to. */
    static Optional<JsonNode> choose(JsonNode transitions, Wanted wanted) {
        for (String name : wanted.names()) {
            for (JsonNode t : transitions) {
                if (t.path("name").asText().equalsIgnoreCase(name)) {
                    return Optional.of(t);
                }
            }
        }
        for (String category : wanted.categories()) {
            for (JsonNode t : transitions) {
                if (t.path("to").path("statusCategory").path("key").asText().equalsIgnoreCase(category)) {
                    return Optional.of(t);
                }
            }
        }
        return Optional.empty();
    }

    private static String describe(Wanted wanted) {
        List<String> parts = new ArrayList<>();
        wanted.names().forEach(n -> parts.add("\"" + n + "\""));
        wanted.categories().forEach(k -> parts.add("to a status of category " + switch (k.toLowerCase(Locale.ROOT)) {
            case "new" -> "To Do (new)";
            case "indeterminate" -> "In Progress (indeterminate)";
            case "done" -> "Done (done)";
            default -> k;
        }));
        return String.join(" or ", parts);
    }
}
