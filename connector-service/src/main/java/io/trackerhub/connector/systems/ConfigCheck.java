package io.trackerhub.connector.systems;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.trackerhub.connector.connectors.ConnectorType;
import io.trackerhub.events.vocabulary.StoryStates;
import io.trackerhub.kit.errors.ProblemException;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

/**
 * A connector's {@code config} being checked: first the rules every type shares (only its own settings; numbers,
 * flags, URLs and non-empty text; secrets given or kept from before; the required ones present), then the type's own
 * ({@link ExternalSystem#checkConfig}). Each refusal names the field.
 */
public final class ConfigCheck {

    private static final List<String> NUMERIC = List.of("filter_id", "view_id", "project_id", "bin_id");
    private static final List<String> URLS = List.of("base_url", "url", "import_api_url");
    private static final List<String> FLAGS = List.of("update_comments", "comments_private", "update_state");
    /** Settings a type reads itself in {@link ExternalSystem#checkConfig} (state maps, Bugzilla's statuses). */
    private static final List<String> THE_TYPES_OWN = List.of("transitions", "states", "exclude_statuses");
    /** The Tracker story states a state map may name. */
    static final List<String> MAPPED_STATES = Stream.concat(Stream.of(StoryStates.UNSTARTED), StoryStates.WORKED.stream()).toList();

    private final ExternalSystem system;
    private final ConnectorType type;
    private final JsonNode given;
    private final ObjectNode settings = JsonNodeFactory.instance.objectNode();
    private final Map<String, String> secrets = new LinkedHashMap<>();

    private ConfigCheck(ExternalSystem system, JsonNode given) {
        this.system = system;
        this.type = system.type();
        this.given = given;
    }

    /** The checked settings and secrets of {@code config}; {@code stored} are the secrets kept from before (empty when creating). */
    public static ConfigCheck of(ExternalSystem system, JsonNode config, Map<String, String> stored) {
        ConfigCheck check = new ConfigCheck(system, config);
        if (config == null || !config.isObject()) {
            throw ProblemException.invalid("config", "is required: an object with " + String.join(", ", check.type.required()));
        }
        stored.forEach((key, value) -> {
            if (check.type.secrets().contains(key)) {
                check.secrets.put(key, value);
            }
        });
        for (Iterator<Map.Entry<String, JsonNode>> fields = config.fields(); fields.hasNext(); ) {
            Map.Entry<String, JsonNode> field = fields.next();
            check.take(field.getKey(), field.getValue());
        }
        for (String key : check.type.required()) {
            if (!check.has(key)) {
                throw ProblemException.invalid("config." + key, "is required for a " + check.type.wire() + " connector");
            }
        }
        system.checkConfig(check);
        return check;
    }

    public ObjectNode settings() {
        return settings;
    }

    public Map<String, String> secrets() {
        return secrets;
    }

    /** The value the request gave, or null. */
    public JsonNode given(String key) {
        JsonNode value = given.get(key);
        return value == null || value.isNull() ? null : value;
    }

    /** Whether a setting that is not secret is set. */
    public boolean has(String key) {
        return settings.hasNonNull(key);
    }

    public boolean hasSecret(String key) {
        return secrets.containsKey(key);
    }

    private void take(String key, JsonNode value) {
        if (!type.settings().contains(key)) {
            throw ProblemException.invalid("config." + key, "is not a setting of a " + type.wire() + " connector; it takes "
                    + String.join(", ", type.settings()));
        }
        if (value == null || value.isNull() || THE_TYPES_OWN.contains(key)) {
            return;
        }
        if (type.secrets().contains(key)) {
            secret(key, value);
        } else if (NUMERIC.contains(key)) {
            settings.put(key, positive("config." + key, value, "the " + type.label() + " " + key.replace('_', ' ')));
        } else if (FLAGS.contains(key)) {
            if (!value.isBoolean()) {
                throw ProblemException.invalid("config." + key, "must be true or false, was " + value);
            }
            settings.put(key, value.asBoolean());
        } else {
            settings.put(key, text(key, value));
        }
    }

    private void secret(String key, JsonNode value) {
        if (!value.isTextual()) {
            throw ProblemException.invalid("config." + key, "must be a string");
        }
        if (value.asText().isEmpty()) {
            secrets.remove(key);
        } else {
            secrets.put(key, value.asText());
        }
    }

    private String text(String key, JsonNode value) {
        if (!value.isTextual() || value.asText().isBlank()) {
            throw ProblemException.invalid("config." + key, "must be a non-empty string");
        }
        String text = value.asText().trim();
        if (URLS.contains(key)) {
            checkUrl("config." + key, text, system.exampleUrl());
            text = text.replaceAll("/+$", "");
        }
        return text;
    }

    /** Every secret of the type is required (stored or given). */
    public void requireSecrets() {
        for (String key : type.secrets()) {
            if (!secrets.containsKey(key)) {
                throw ProblemException.invalid("config." + key, "is required for a " + type.wire() + " connector (stored encrypted, never shown)");
            }
        }
    }

    /** A setting that takes one of a few words (any case), set to its default when left out. */
    public String oneOf(String key, List<String> allowed, String otherwise) {
        if (!has(key)) {
            settings.put(key, otherwise);
            return otherwise;
        }
        String value = settings.get(key).asText().toLowerCase(Locale.ROOT);
        if (!allowed.contains(value)) {
            throw ProblemException.invalid("config." + key, "'" + settings.get(key).asText() + "' is not one of " + String.join(", ", allowed));
        }
        settings.put(key, value);
        return value;
    }

    /** A map from Tracker story states to the system's names ({"started": "Begin work", …}), when given. */
    public void stateMap(String key, String names, String example) {
        JsonNode value = given(key);
        if (value == null) {
            return;
        }
        String field = "config." + key;
        if (!value.isObject()) {
            throw ProblemException.invalid(field, "must be an object from Tracker story states to " + names + ", e.g. " + example);
        }
        ObjectNode map = settings.putObject(key);
        for (Iterator<Map.Entry<String, JsonNode>> entries = value.fields(); entries.hasNext(); ) {
            Map.Entry<String, JsonNode> entry = entries.next();
            if (!MAPPED_STATES.contains(entry.getKey())) {
                throw ProblemException.invalid(field + "." + entry.getKey(), "is not a Tracker story state; they are " + String.join(", ", MAPPED_STATES));
            }
            if (!entry.getValue().isTextual() || entry.getValue().asText().isBlank()) {
                throw ProblemException.invalid(field + "." + entry.getKey(), "must be a non-empty name, e.g. " + example);
            }
            map.put(entry.getKey(), entry.getValue().asText().trim());
        }
    }

    /** A positive whole number, given as a number or as text. */
    public static long positive(String field, JsonNode value, String what) {
        if (value == null || value.isNull()) {
            throw ProblemException.invalid(field, "is required: " + what);
        }
        String text = value.asText().trim();
        if ((value.isIntegralNumber() || value.isTextual()) && text.matches("[0-9]{1,18}") && Long.parseLong(text) > 0) {
            return Long.parseLong(text);
        }
        throw ProblemException.invalid(field, "must be a positive number (" + what + "), was " + value);
    }

    public static void checkUrl(String field, String url, String example) {
        try {
            URI uri = new URI(url);
            if (!"https".equalsIgnoreCase(uri.getScheme()) && !"http".equalsIgnoreCase(uri.getScheme()) || uri.getHost() == null) {
                throw ProblemException.invalid(field, "must be an absolute http or https URL, e.g. " + example);
            }
        } catch (URISyntaxException e) {
            throw ProblemException.invalid(field, "is not a URL (" + e.getReason() + " at index " + e.getIndex() + ")");
        }
    }
}
