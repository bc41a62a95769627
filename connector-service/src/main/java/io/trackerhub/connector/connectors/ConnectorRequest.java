package io.trackerhub.connector.connectors;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.trackerhub.kit.errors.ProblemException;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The body of {@code POST /api/connectors} and {@code PUT /api/connectors/{id}}. */
public record ConnectorRequest(String type, String name, JsonNode tracker, JsonNode config) {

    static final List<String> DEFAULT_EXCLUDED = List.of("RESOLVED", "VERIFIED", "CLOSED");
    private static final List<String> NUMERIC = List.of("filter_id", "view_id", "project_id", "bin_id");
    private static final List<String> URLS = List.of("base_url", "url", "import_api_url");
    private static final List<String> FLAGS = List.of("update_comments", "comments_private", "update_state");
    /** Settings that map Tracker story states to the system's own names (Jira transitions, Lighthouse states). */
    private static final List<String> STATE_MAPS = List.of("transitions", "states");
    static final List<String> STORY_STATES = List.of("unstarted", "started", "finished", "delivered", "accepted", "rejected");

    /**
     * Checks every field and names the first one that is wrong. {@code stored} holds the secrets kept from before
     * (empty when creating); {@code storedToken} whether a Tracker token is stored already.
     */
    ConnectorSpec validate(Map<String, String> stored, boolean storedToken, String defaultTrackerUrl) {
        if (type == null || type.isBlank()) {
            throw ProblemException.invalid("type", "is required: one of " + String.join(", ", ConnectorType.wires()));
        }
        ConnectorType connectorType = ConnectorType.of(type).orElseThrow(() ->
                ProblemException.invalid("type", "'" + type + "' is not one of " + String.join(", ", ConnectorType.wires())));
        if (name == null || name.isBlank()) {
            throw ProblemException.invalid("name", "is required, e.g. \"" + connectorType.label() + " support queue\"");
        }
        if (name.length() > 200) {
            throw ProblemException.invalid("name", "is longer than 200 characters");
        }
        if (tracker == null || !tracker.isObject()) {
            throw ProblemException.invalid("tracker", "is required: {\"base_url\", \"api_token\", \"project_id\"} the connector writes to Tracker with");
        }
        for (Iterator<String> names = tracker.fieldNames(); names.hasNext(); ) {
            String field = names.next();
            if (!List.of("base_url", "api_token", "project_id").contains(field)) {
                throw ProblemException.invalid("tracker." + field, "is not a Tracker setting; it takes base_url, api_token, project_id");
            }
        }
        String trackerUrl = tracker.hasNonNull("base_url") ? tracker.get("base_url").asText().trim() : defaultTrackerUrl;
        checkUrl("tracker.base_url", trackerUrl, "https://www.pivotaltracker.com/services/v5");
        long projectId = positive("tracker.project_id", tracker.get("project_id"), "the Tracker project stories are imported into");
        String token = tracker.hasNonNull("api_token") ? tracker.get("api_token").asText() : null;
        if (token != null && token.isBlank() || token == null && !storedToken) {
            throw ProblemException.invalid("tracker.api_token", "is required: the Tracker API token the connector writes with (its own, as each Tracker integration had)");
        }
        if (config == null || !config.isObject()) {
            throw ProblemException.invalid("config", "is required: an object with " + String.join(", ", connectorType.required()));
        }
        ObjectNode settings = JsonNodeFactory.instance.objectNode();
        Map<String, String> secrets = new LinkedHashMap<>();
        stored.forEach((key, value) -> {
            if (connectorType.secrets().contains(key)) {
                secrets.put(key, value);
            }
        });
        for (Iterator<Map.Entry<String, JsonNode>> fields = config.fields(); fields.hasNext(); ) {
            Map.Entry<String, JsonNode> field = fields.next();
            String key = field.getKey();
            JsonNode value = field.getValue();
            if (!connectorType.settings().contains(key)) {
                throw ProblemException.invalid("config." + key, "is not a setting of a " + connectorType.wire() + " connector; it takes "
                        + String.join(", ", connectorType.settings()));
            }
            if (value == null || value.isNull()) {
                continue;
            }
            if (connectorType.secrets().contains(key)) {
                if (!value.isTextual()) {
                    throw ProblemException.invalid("config." + key, "must be a string");
                }
                if (value.asText().isEmpty()) {
                    secrets.remove(key);
                } else {
                    secrets.put(key, value.asText());
                }
            } else if (NUMERIC.contains(key)) {
                settings.put(key, positive("config." + key, value, "the " + connectorType.label() + " " + key.replace('_', ' ')));
            } else if (FLAGS.contains(key)) {
                if (!value.isBoolean()) {
                    throw ProblemException.invalid("config." + key, "must be true or false, was " + value);
                }
                settings.put(key, value.asBoolean());
            } else if (key.equals("exclude_statuses")) {
                settings.set(key, statuses(value));
            } else if (STATE_MAPS.contains(key)) {
                settings.set(key, stateMap("config." + key, value, connectorType));
            } else {
                if (!value.isTextual() || value.asText().isBlank()) {
                    throw ProblemException.invalid("config." + key, "must be a non-empty string");
                }
                String text = value.asText().trim();
                if (URLS.contains(key)) {
                    checkUrl("config." + key, text, example(connectorType));
                    // an Other base URL is a prefix the external id is appended to: kept as given
                    if (!(connectorType == ConnectorType.OTHER && key.equals("base_url"))) {
                        text = text.replaceAll("/+$", "");
                    }
                }
                settings.put(key, text);
            }
        }
        for (String key : connectorType.required()) {
            if (!settings.hasNonNull(key)) {
                throw ProblemException.invalid("config." + key, "is required for a " + connectorType.wire() + " connector");
            }
        }
        for (String key : connectorType.secrets()) {
            if ((connectorType == ConnectorType.JIRA || connectorType == ConnectorType.ZENDESK) && !secrets.containsKey(key)) {
                throw ProblemException.invalid("config." + key, "is required for a " + connectorType.wire() + " connector (stored encrypted, never shown)");
            }
        }
        if (connectorType == ConnectorType.JIRA) {
            String auth = oneOf(settings, "auth", List.of("basic", "bearer"), "basic");
            if (auth.equals("basic") && !settings.hasNonNull("username")) {
                throw ProblemException.invalid("config.username", "is required for a jira connector with auth basic: the Cloud account's email "
                        + "(with an API token) or the Server user name (with its password); a Data Center personal access token takes auth bearer");
            }
        }
        if (connectorType == ConnectorType.OTHER && settings.hasNonNull("import_api_username") != secrets.containsKey("import_api_password")) {
            throw ProblemException.invalid(settings.hasNonNull("import_api_username") ? "config.import_api_password" : "config.import_api_username",
                    "is required with " + (settings.hasNonNull("import_api_username") ? "import_api_username" : "import_api_password")
                            + ": the Import API is read with HTTP Basic when both are given");
        }
        if (connectorType == ConnectorType.OTHER && settings.hasNonNull("import_api_username") && !settings.hasNonNull("import_api_url")) {
            throw ProblemException.invalid("config.import_api_url", "is required with import_api_username: the URL the credentials are for");
        }
        if (connectorType == ConnectorType.BUGZILLA) {
            String auth = oneOf(settings, "auth", List.of("parameter", "bearer"), "parameter");
            if (auth.equals("bearer") && !secrets.containsKey("api_key")) {
                throw ProblemException.invalid("config.api_key", "is required for a bugzilla connector with auth bearer");
            }
            boolean login = settings.hasNonNull("username") && secrets.containsKey("password");
            if (!secrets.containsKey("api_key") && !login) {
                throw ProblemException.invalid("config.api_key", "is required for a bugzilla connector, or username and password");
            }
            if (settings.hasNonNull("username") != secrets.containsKey("password") && !secrets.containsKey("api_key")) {
                throw ProblemException.invalid(settings.hasNonNull("username") ? "config.password" : "config.username",
                        "is required with " + (settings.hasNonNull("username") ? "username" : "password"));
            }
            if (!settings.has("exclude_statuses")) {
                ArrayNode excluded = settings.putArray("exclude_statuses");
                DEFAULT_EXCLUDED.forEach(excluded::add);
            }
            for (String flag : List.of("update_comments", "update_state")) {
                if (!settings.has(flag)) {
                    settings.put(flag, true);
                }
            }
            if (!settings.has("comments_private")) {
                settings.put("comments_private", false);
            }
        }
        if (connectorType == ConnectorType.LIGHTHOUSE) {
            String account = settings.get("account").asText();
            if (account.startsWith("http://") || account.startsWith("https://")) {
                checkUrl("config.account", account, "https://acme.lighthouseapp.com");
                settings.put("account", account.replaceAll("/+$", ""));
            } else if (!account.matches("[A-Za-z0-9][A-Za-z0-9-]*")) {
                throw ProblemException.invalid("config.account", "'" + account + "' is not a Lighthouse account name, e.g. acme for acme.lighthouseapp.com");
            }
        }
        return new ConnectorSpec(connectorType, name.trim(), trackerUrl.replaceAll("/+$", ""), projectId, token, settings, secrets);
    }

    /** A setting that takes one of a few words, set to its default when left out. */
    private static String oneOf(ObjectNode settings, String key, List<String> allowed, String otherwise) {
        if (!settings.hasNonNull(key)) {
            settings.put(key, otherwise);
            return otherwise;
        }
        String value = settings.get(key).asText().toLowerCase(java.util.Locale.ROOT);
        if (!allowed.contains(value)) {
            throw ProblemException.invalid("config." + key, "'" + settings.get(key).asText() + "' is not one of " + String.join(", ", allowed));
        }
        settings.put(key, value);
        return value;
    }

    /** {"started": "Begin work", …}: Tracker story states to the system's names. */
    private static ObjectNode stateMap(String field, JsonNode value, ConnectorType type) {
        String example = type == ConnectorType.JIRA ? "{\"started\": \"In Progress\", \"accepted\": \"Done\"}" : "{\"started\": \"open\", \"accepted\": \"resolved\"}";
        if (!value.isObject()) {
            throw ProblemException.invalid(field, "must be an object from Tracker story states to " + (type == ConnectorType.JIRA
                    ? "Jira transition names" : type.label() + " states") + ", e.g. " + example);
        }
        ObjectNode map = JsonNodeFactory.instance.objectNode();
        for (Iterator<Map.Entry<String, JsonNode>> entries = value.fields(); entries.hasNext(); ) {
            Map.Entry<String, JsonNode> entry = entries.next();
            if (!STORY_STATES.contains(entry.getKey())) {
                throw ProblemException.invalid(field + "." + entry.getKey(), "is not a Tracker story state; they are " + String.join(", ", STORY_STATES));
            }
            if (!entry.getValue().isTextual() || entry.getValue().asText().isBlank()) {
                throw ProblemException.invalid(field + "." + entry.getKey(), "must be a non-empty name, e.g. " + example);
            }
            map.put(entry.getKey(), entry.getValue().asText().trim());
        }
        return map;
    }

    private static ArrayNode statuses(JsonNode value) {
        if (!value.isArray()) {
            throw ProblemException.invalid("config.exclude_statuses", "must be a list of Bugzilla statuses, e.g. [\"RESOLVED\", \"VERIFIED\", \"CLOSED\"]");
        }
        ArrayNode statuses = JsonNodeFactory.instance.arrayNode();
        for (int i = 0; i < value.size(); i++) {
            JsonNode status = value.get(i);
            if (!status.isTextual() || status.asText().isBlank()) {
                throw ProblemException.invalid("config.exclude_statuses[" + i + "]", "must be a status name, e.g. RESOLVED");
            }
            statuses.add(status.asText().trim().toUpperCase(java.util.Locale.ROOT));
        }
        return statuses;
    }

    private static long positive(String field, JsonNode value, String what) {
        if (value == null || value.isNull()) {
            throw ProblemException.invalid(field, "is required: " + what);
        }
        String text = value.asText().trim();
        if ((value.isIntegralNumber() || value.isTextual()) && text.matches("[0-9]{1,18}") && Long.parseLong(text) > 0) {
            return Long.parseLong(text);
        }
        throw ProblemException.invalid(field, "must be a positive number (" + what + "), was " + value);
    }

    private static void checkUrl(String field, String url, String example) {
        try {
            URI uri = new URI(url);
            if (!"https".equalsIgnoreCase(uri.getScheme()) && !"http".equalsIgnoreCase(uri.getScheme()) || uri.getHost() == null) {
                throw ProblemException.invalid(field, "must be an absolute http or https URL, e.g. " + example);
            }
        } catch (URISyntaxException e) {
            throw ProblemException.invalid(field, "is not a URL (" + e.getReason() + " at index " + e.getIndex() + ")");
        }
    }

    private static String example(ConnectorType type) {
        return switch (type) {
            case JIRA -> "https://acme.atlassian.net";
            case ZENDESK -> "https://acme.zendesk.com";
            case BUGZILLA -> "https://bugzilla.acme.org";
            case OTHER -> "https://tickets.acme.org/ticket/";
            default -> "https://example.com";
        };
    }
}
