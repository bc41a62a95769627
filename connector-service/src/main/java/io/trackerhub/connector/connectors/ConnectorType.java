package io.trackerhub.connector.connectors;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * The external systems a connector links to, with the settings Tracker asked for each. {@code secrets} are stored
 * sealed and never returned; {@code required} must be given (a secret only when creating: PUT may leave it out to
 * keep the stored one).
 */
public enum ConnectorType {
    JIRA("jira", "Jira", List.of("base_url", "filter_id"), List.of("auth", "username", "transitions"), List.of("api_token"), true),
    ZENDESK("zendesk", "Zendesk", List.of("url", "email", "view_id"), List.of(), List.of("api_token"), true),
    BUGZILLA("bugzilla", "Bugzilla", List.of("url"),
            List.of("auth", "username", "exclude_statuses", "product", "component", "update_comments", "comments_private", "update_state"),
            List.of("api_key", "password"), true),
    LIGHTHOUSE("lighthouse", "Lighthouse", List.of("account", "project_id", "bin_id"), List.of("states"), List.of("token"), true),
    SATISFACTION("satisfaction", "Get Satisfaction", List.of("company", "product"), List.of(), List.of(), false),
    OTHER("other", "Other", List.of("base_url"), List.of("import_api_url", "import_api_username"), List.of("import_api_password"), false);

    private final String wire;
    private final String label;
    private final List<String> required;
    private final List<String> optional;
    private final List<String> secrets;
    private final boolean writesBack;

    ConnectorType(String wire, String label, List<String> required, List<String> optional, List<String> secrets, boolean writesBack) {
        this.wire = wire;
        this.label = label;
        this.required = required;
        this.optional = optional;
        this.secrets = secrets;
        this.writesBack = writesBack;
    }

    public String wire() {
        return wire;
    }

    /** The system's name as users know it, for messages. */
    public String label() {
        return label;
    }

    public List<String> required() {
        return required;
    }

    public List<String> optional() {
        return optional;
    }

    public List<String> secrets() {
        return secrets;
    }

    /** Whether story comments and state changes are written back (Get Satisfaction topics are public; Other has no API). */
    public boolean writesBack() {
        return writesBack;
    }

    public List<String> settings() {
        return java.util.stream.Stream.of(required, optional, secrets).flatMap(List::stream).toList();
    }

    public static Optional<ConnectorType> of(String wire) {
        String wanted = wire == null ? "" : wire.trim().toLowerCase(Locale.ROOT);
        return Arrays.stream(values()).filter(t -> t.wire.equals(wanted)).findFirst();
    }

    public static Set<String> wires() {
        return Arrays.stream(values()).map(ConnectorType::wire).collect(java.util.stream.Collectors.toCollection(java.util.LinkedHashSet::new));
    }
}
