package io.trackerhub.connector.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.trackerhub.connector.connectors.ConnectorSpec;
import io.trackerhub.connector.connectors.ConnectorType;
import io.trackerhub.connector.systems.ConfigCheck;
import io.trackerhub.connector.systems.Systems;
import io.trackerhub.kit.errors.ProblemException;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * The body of {@code POST /api/connectors} and {@code PUT /api/connectors/{id}}. The fields every connector has are
 * checked by their annotations; {@code config} by its type's external system ({@link ConfigCheck}).
 */
public record ConnectorRequest(
        @NotBlank(message = "is required: one of jira, zendesk, bugzilla, lighthouse, satisfaction, other") String type,
        @NotBlank(message = "is required, e.g. \"Jira support queue\"")
        @Size(max = 200, message = "is longer than 200 characters") String name,
        @NotNull(message = ConnectorRequest.TRACKER_REQUIRED) JsonNode tracker,
        JsonNode config) {

    /** Braces escaped: they would be message parameters to Hibernate Validator. */
    static final String TRACKER_REQUIRED = "is required: \\{\"base_url\", \"api_token\", \"project_id\"\\} the connector writes to Tracker with";
    private static final List<String> TRACKER_SETTINGS = List.of("base_url", "api_token", "project_id");

    /**
     * The connector to store. {@code stored} holds the secrets kept from before (empty when creating);
     * {@code storedToken} whether a Tracker token is stored already.
     */
    ConnectorSpec spec(Systems systems, Map<String, String> stored, boolean storedToken, String defaultTrackerUrl) {
        ConnectorType connectorType = ConnectorType.of(type).orElseThrow(() ->
                ProblemException.invalid("type", "'" + type + "' is not one of " + String.join(", ", ConnectorType.wires())));
        if (!tracker.isObject()) {
            throw ProblemException.invalid("tracker", TRACKER_REQUIRED.replace("\\", ""));
        }
        for (Iterator<String> names = tracker.fieldNames(); names.hasNext(); ) {
            String field = names.next();
            if (!TRACKER_SETTINGS.contains(field)) {
                throw ProblemException.invalid("tracker." + field, "is not a Tracker setting; it takes base_url, api_token, project_id");
            }
        }
        String trackerUrl = tracker.hasNonNull("base_url") ? tracker.get("base_url").asText().trim() : defaultTrackerUrl;
        ConfigCheck.checkUrl("tracker.base_url", trackerUrl, "https://www.pivotaltracker.com/services/v5");
        long projectId = ConfigCheck.positive("tracker.project_id", tracker.get("project_id"), "the Tracker project stories are imported into");
        String token = tracker.hasNonNull("api_token") ? tracker.get("api_token").asText() : null;
        if (token != null && token.isBlank() || token == null && !storedToken) {
            throw ProblemException.invalid("tracker.api_token", "is required: the Tracker API token the connector writes with (its own, as each Tracker integration had)");
        }
        ConfigCheck config = ConfigCheck.of(systems.of(connectorType), this.config, stored);
        return new ConnectorSpec(connectorType, name.trim(), trackerUrl.replaceAll("/+$", ""), projectId, token, config.settings(),
                config.secrets());
    }
}
