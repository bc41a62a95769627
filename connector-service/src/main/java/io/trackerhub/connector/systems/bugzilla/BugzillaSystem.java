package io.trackerhub.connector.systems.bugzilla;

import com.fasterxml.jackson.databind.JsonNode;
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
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Bugzilla 5.x REST: bugs of the product/component whose status is not excluded are the import list; story comments
 * become bug comments (private if asked), and with {@code update_state} a state change adds a comment saying so.
 */
@ApplicationScoped
public class BugzillaSystem implements ExternalSystem {

    static final String SYSTEM = "Bugzilla";
    static final String FIELDS = "id,summary,status,creator,creation_time,severity,product,component";

    private final Remote remote;

    public BugzillaSystem(Remote remote) {
        this.remote = remote;
    }

    @Override
    public ConnectorType type() {
        return ConnectorType.BUGZILLA;
    }

    private static String base(Connector c) {
        return c.setting("url");
    }

    private static Map<String, String> auth(Connector c) {
        if (c.secret("api_key") != null) {
            return Map.of("X-BUGZILLA-API-KEY", c.secret("api_key"));
        }
        return Map.of("X-BUGZILLA-LOGIN", c.setting("username"), "X-BUGZILLA-PASSWORD", c.secret("password"));
    }

    private static Set<String> excluded(Connector c) {
        Set<String> statuses = new HashSet<>();
        c.config().path("exclude_statuses").forEach(s -> statuses.add(s.asText()));
        return statuses;
    }

    @Override
    public ImportPage importList(Connector c, int page, int perPage) {
        Map<String, Object> query = new LinkedHashMap<>();
        query.put("product", c.setting("product"));
        query.put("component", c.setting("component"));
        Set<String> excluded = excluded(c);
        if (!excluded.isEmpty()) {
            query.put("f1", "bug_status");
            query.put("o1", "nowords");
            query.put("v1", String.join(" ", excluded.stream().sorted().toList()));
        }
        query.put("include_fields", FIELDS);
        query.put("limit", perPage + 1);
        query.put("offset", (page - 1) * perPage);
        String what = "the bug search";
        JsonNode answer = checked(Remote.json(SYSTEM, what, remote.get(SYSTEM, base(c) + "/rest/bug" + Remote.query(query), auth(c))), what);
        JsonNode bugs = Remote.required(SYSTEM, what, answer, "bugs");
        if (!bugs.isArray()) {
            throw SystemFailure.malformed(SYSTEM, what, "\"bugs\" that is not a list");
        }
        List<ExternalItem> items = new ArrayList<>();
        for (int i = 0; i < Math.min(bugs.size(), perPage); i++) {
            // older servers ignore the f1/o1/v1 search: the exclusion holds either way
            if (!excluded.contains(bugs.get(i).path("status").asText())) {
                items.add(item(c, bugs.get(i), what));
            }
        }
        return new ImportPage(items, bugs.size() > perPage);
    }

    /** Bugzilla may answer 200 with {"error": true, …}. */
    private static JsonNode checked(JsonNode answer, String what) {
        if (answer.path("error").asBoolean(false)) {
            String message = SYSTEM + " answered " + what + " with error " + answer.path("code").asText("?") + ": "
                    + answer.path("message").asText("no message");
            int code = answer.path("code").asInt();
            // 102: access denied, 410: login required, 306/307: invalid api key
            boolean credentials = code == 102 || code == 410 || code == 306 || code == 307 || code == 300;
            throw new SystemFailure(credentials ? SystemFailure.Kind.CREDENTIALS : SystemFailure.Kind.REJECTED, message, null, null);
        }
        return answer;
    }

    @Override
    public ExternalItem item(Connector c, String id) {
        String what = "bug " + id;
        JsonNode bugs = Remote.required(SYSTEM, what, checked(Remote.json(SYSTEM, what, remote.get(SYSTEM, base(c) + "/rest/bug/"
                + Remote.encode(id) + Remote.query(Map.of("include_fields", FIELDS + ",description")), auth(c))), what), "bugs");
        if (!bugs.isArray() || bugs.isEmpty()) {
            throw new SystemFailure(SystemFailure.Kind.REJECTED, SYSTEM + " has no bug " + id, 404, null);
        }
        return item(c, bugs.get(0), what);
    }

    private ExternalItem item(Connector c, JsonNode bug, String what) {
        String id = Remote.required(SYSTEM, what, bug, "id").asText();
        return new ExternalItem(id, bug.path("summary").asText("Bug " + id), "bug", Remote.text(bug, "creator"),
                Remote.text(bug, "creation_time"), url(c, id), Remote.text(bug, "description"), "bug", null);
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
        String body = Remote.JSON.createObjectNode().put("comment", w.comment() ? w.commentText() : w.stateText())
                .put("is_private", c.flag("comments_private", false)).toString();
        String what = "the new comment on bug " + w.externalId();
        JsonNode answer = checked(Remote.jsonOfWrite(remote.send(SYSTEM, "POST", base(c) + "/rest/bug/" + Remote.encode(w.externalId())
                + "/comment", body, auth(c))), what);
        return Written.comment(Remote.text(answer, "id"));
    }
}
