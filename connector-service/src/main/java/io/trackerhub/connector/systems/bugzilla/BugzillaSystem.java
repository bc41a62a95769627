package io.trackerhub.connector.systems.bugzilla;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
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
import io.trackerhub.events.vocabulary.StoryTypes;
import io.trackerhub.kit.errors.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Bugzilla 5.x REST: bugs of the product/component whose status is not excluded are the import list; story comments
 * become bug comments (private if asked), and with {@code update_state} a state change adds a comment saying so.
 * Credentials go as Bugzilla 5.0 and 5.2 read them (they ignore the X-BUGZILLA-* headers and would answer
 * anonymously): {@code Bugzilla_api_key}, or {@code Bugzilla_login} and {@code Bugzilla_password}, in each GET's query
 * and each POST's body; {@code auth: bearer} sends the key as {@code Authorization: Bearer} instead.
 */
@ApplicationScoped
class BugzillaSystem implements ExternalSystem {

    static final String SYSTEM = "Bugzilla";
    static final String FIELDS = "id,summary,status,creator,creation_time,severity,product,component";
    /** Bugzilla's error codes that say the credentials are not accepted: bad login, bad or revoked API key, login required. */
    static final Set<Integer> CREDENTIAL_CODES = Set.of(300, 301, 306, 307, 410);
    /** The statuses left out of the import list unless {@code exclude_statuses} says otherwise. */
    static final List<String> DEFAULT_EXCLUDED = List.of("RESOLVED", "VERIFIED", "CLOSED");

    private final RestClients clients;

    public BugzillaSystem(RestClients clients) {
        this.clients = clients;
    }

    @Override
    public ConnectorType type() {
        return ConnectorType.BUGZILLA;
    }

    @Override
    public String exampleUrl() {
        return "https://bugzilla.acme.org";
    }

    /** An API key (as a parameter or a bearer token) or a login; the statuses left out of the list; the write-back flags. */
    @Override
    public void checkConfig(ConfigCheck config) {
        config.settings().set("exclude_statuses", statuses(config.given("exclude_statuses")));
        String auth = config.oneOf("auth", List.of("parameter", "bearer"), "parameter");
        if (auth.equals("bearer") && !config.hasSecret("api_key")) {
            throw ProblemException.invalid("config.api_key", "is required for a bugzilla connector with auth bearer");
        }
        boolean login = config.has("username") && config.hasSecret("password");
        if (!config.hasSecret("api_key") && !login) {
            throw ProblemException.invalid("config.api_key", "is required for a bugzilla connector, or username and password");
        }
        if (config.has("username") != config.hasSecret("password") && !config.hasSecret("api_key")) {
            throw ProblemException.invalid(config.has("username") ? "config.password" : "config.username",
                    "is required with " + (config.has("username") ? "username" : "password"));
        }
        for (String flag : List.of("update_comments", "update_state")) {
            if (!config.settings().has(flag)) {
                config.settings().put(flag, true);
            }
        }
        if (!config.settings().has("comments_private")) {
            config.settings().put("comments_private", false);
        }
    }

    private static ArrayNode statuses(JsonNode value) {
        ArrayNode statuses = JsonNodeFactory.instance.arrayNode();
        if (value == null) {
            DEFAULT_EXCLUDED.forEach(statuses::add);
            return statuses;
        }
        if (!value.isArray()) {
            throw ProblemException.invalid("config.exclude_statuses", "must be a list of Bugzilla statuses, e.g. [\"RESOLVED\", \"VERIFIED\", \"CLOSED\"]");
        }
        for (int i = 0; i < value.size(); i++) {
            JsonNode status = value.get(i);
            if (!status.isTextual() || status.asText().isBlank()) {
                throw ProblemException.invalid("config.exclude_statuses[" + i + "]", "must be a status name, e.g. RESOLVED");
            }
            statuses.add(status.asText().trim().toUpperCase(java.util.Locale.ROOT));
        }
        return statuses;
    }

    private static String base(Connector c) {
        return c.setting("url");
    }

    static boolean bearer(Connector c) {
        return "bearer".equals(c.setting("auth"));
    }

    /** The credential parameters of a GET query or a POST body. */
    static Map<String, String> credentials(Connector c) {
        Map<String, String> parameters = new LinkedHashMap<>();
        if (bearer(c)) {
            return parameters;
        }
        if (c.secret("api_key") != null) {
            parameters.put("Bugzilla_api_key", c.secret("api_key"));
        } else {
            parameters.put("Bugzilla_login", c.setting("username"));
            parameters.put("Bugzilla_password", c.secret("password"));
        }
        return parameters;
    }

    private BugzillaApi api(Connector c) {
        RestClients.Auth auth = bearer(c) ? RestClients.header("Authorization", "Bearer " + c.secret("api_key"))
                : RestClients.queryOfGets(credentials(c));
        return clients.of(c, BugzillaApi.class, SYSTEM, base(c), auth, BugzillaSystem::byCode);
    }

    /**
     * Bugzilla answers errors with an HTTP status and {@code {"error": true, "code": N, "message": …}}; the code says
     * more than the status: 102 (access to this bug denied) comes as 401 but the credentials are fine; 101 (no such bug)
     * is a 404; 300 (bad login), 301 (account disabled), 306 (API key invalid or revoked), 307 (bad login token) and 410
     * (login required, a 401) are the credentials, whatever the status (306 and 307 come as 400).
     */
    static SystemFailure byCode(SystemFailure failure) {
        JsonNode body = parse(failure.body());
        if (body == null || !body.path("error").asBoolean(false) || !body.path("code").canConvertToInt()) {
            return failure;
        }
        int code = body.path("code").asInt();
        if (CREDENTIAL_CODES.contains(code) || code == 32000 && body.path("message").asText().contains("API key")) {
            // 32000 "API key authentication is required." (bugzilla.mozilla.org)
            return failure.as(SystemFailure.Kind.CREDENTIALS, failure.status());
        }
        if (code == 101 || code == 32614) {
            return failure.as(SystemFailure.Kind.REJECTED, 404);
        }
        if (code == 102) {
            return failure.as(SystemFailure.Kind.REJECTED, failure.status());
        }
        return failure.kind() == SystemFailure.Kind.CREDENTIALS ? failure.as(SystemFailure.Kind.REJECTED, failure.status()) : failure;
    }

    private static JsonNode parse(String body) {
        try {
            return body == null || body.isBlank() ? null : Calls.JSON.readTree(body);
        } catch (Exception e) {
            return null;
        }
    }

    /** Older servers and the JSON-RPC bridge may answer 200 with {"error": true, …}. */
    private static JsonNode checked(JsonNode answer, String what) {
        if (answer.path("error").asBoolean(false)) {
            String message = SYSTEM + " answered " + what + " with error " + answer.path("code").asText("?") + ": "
                    + answer.path("message").asText("no message");
            int code = answer.path("code").asInt();
            SystemFailure.Kind kind = CREDENTIAL_CODES.contains(code) ? SystemFailure.Kind.CREDENTIALS : SystemFailure.Kind.REJECTED;
            throw new SystemFailure(kind, message, code == 101 ? 404 : null, null);
        }
        return answer;
    }

    private static Set<String> excluded(Connector c) {
        Set<String> statuses = new HashSet<>();
        c.config().path("exclude_statuses").forEach(s -> statuses.add(s.asText()));
        return statuses;
    }

    @Override
    public ImportPage importList(Connector c, String cursor, int perPage) {
        int page = ImportPage.number(cursor);
        Set<String> excluded = excluded(c);
        boolean exclude = !excluded.isEmpty();
        String what = "the bug search";
        JsonNode answer = checked(Calls.present(SYSTEM, what, Calls.call(SYSTEM, what, () -> api(c).search(c.setting("product"),
                c.setting("component"), exclude ? "bug_status" : null, exclude ? "nowords" : null,
                exclude ? String.join(" ", excluded.stream().sorted().toList()) : null, FIELDS, perPage + 1, (page - 1) * perPage))), what);
        JsonNode bugs = Calls.list(SYSTEM, what, answer, "bugs");
        List<ExternalItem> items = new ArrayList<>();
        for (int i = 0; i < Math.min(bugs.size(), perPage); i++) {
            // older servers ignore the f1/o1/v1 search: the exclusion holds either way
            if (!excluded.contains(bugs.get(i).path("status").asText())) {
                items.add(item(c, bugs.get(i), null, what));
            }
        }
        return ImportPage.numbered(items, page, bugs.size() > perPage);
    }

    @Override
    public ExternalItem item(Connector c, String id) {
        String what = "bug " + id;
        JsonNode bugs = Calls.list(SYSTEM, what, checked(Calls.present(SYSTEM, what,
                Calls.call(SYSTEM, what, () -> api(c).bug(id, FIELDS))), what), "bugs");
        if (bugs.isEmpty()) {
            throw new SystemFailure(SystemFailure.Kind.REJECTED, SYSTEM + " has no bug " + id, 404, null);
        }
        return item(c, bugs.get(0), description(c, id), what);
    }

    /** Bug.get has no description: it is the comment with count 0 (the first one, on servers that number them so). */
    private String description(Connector c, String id) {
        String what = "the comments of bug " + id;
        JsonNode answer = checked(Calls.present(SYSTEM, what, Calls.call(SYSTEM, what, () -> api(c).comments(id))), what);
        JsonNode comments = answer.path("bugs").path(id).path("comments");
        if (!comments.isArray() || comments.isEmpty()) {
            return null;
        }
        for (JsonNode comment : comments) {
            if (comment.path("count").asInt(-1) == 0) {
                return Calls.text(comment, "text");
            }
        }
        return Calls.text(comments.get(0), "text");
    }

    private ExternalItem item(Connector c, JsonNode bug, String description, String what) {
        String id = Calls.required(SYSTEM, what, bug, "id").asText();
        return new ExternalItem(id, bug.path("summary").asText("Bug " + id), "bug", Calls.text(bug, "creator"),
                Calls.text(bug, "creation_time"), url(c, id), description, StoryTypes.BUG, null);
    }

    @Override
    public String url(Connector c, String id) {
        return base(c) + "/show_bug.cgi?id=" + id;
    }

    @Override
    public boolean takes(Connector c, WriteBack w) {
        return w.comment() ? c.flag("update_comments", true) : c.flag("update_state", true);
    }

    @Override
    public Written writeBack(Connector c, WriteBack w) {
        ObjectNode body = Calls.object().put("comment", w.comment() ? w.commentText() : w.stateText())
                .put("is_private", c.flag("comments_private", false));
        credentials(c).forEach(body::put);
        String what = "the new comment on bug " + w.externalId();
        JsonNode answer = checked(Calls.ofWrite(Calls.call(SYSTEM, what, () -> api(c).comment(w.externalId(), body))), what);
        return Written.comment(Calls.text(answer, "id"));
    }
}
