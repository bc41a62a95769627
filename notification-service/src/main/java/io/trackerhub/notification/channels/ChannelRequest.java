package io.trackerhub.notification.channels;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import io.trackerhub.kit.errors.ProblemException;
import io.trackerhub.notification.messages.WebhookBody;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** The body of {@code POST /api/channels} and {@code PUT /api/channels/{id}}. */
public record ChannelRequest(String type, String name, @JsonProperty("project_ids") List<Long> projectIds, JsonNode config,
                             List<String> publish, List<String> kinds, @JsonProperty("rate_per_second") Double ratePerSecond) {

    private static final String PUBLISH_NAMES = "new_stories, state_changes, comments";

    /** Checks every field and names the first one that is wrong; {@code creating} requires {@code config.url}. */
    ChannelSpec validate(boolean creating) {
        if (type == null || type.isBlank()) {
            throw ProblemException.invalid("type", "is required: slack, campfire or webhook");
        }
        ChannelType channelType = ChannelType.of(type.trim().toLowerCase(Locale.ROOT)).orElseThrow(() ->
                ProblemException.invalid("type", "'" + type + "' is not one of slack, campfire, webhook"));
        if (name == null || name.isBlank()) {
            throw ProblemException.invalid("name", "is required, e.g. \"#team-room\"");
        }
        if (name.length() > 200) {
            throw ProblemException.invalid("name", "is longer than 200 characters");
        }
        if (projectIds != null) {
            if (projectIds.isEmpty()) {
                throw ProblemException.invalid("project_ids", "is empty; name at least one project, or leave it out for every project");
            }
            for (int i = 0; i < projectIds.size(); i++) {
                if (projectIds.get(i) == null || projectIds.get(i) <= 0) {
                    throw ProblemException.invalid("project_ids[" + i + "]", "must be a positive Tracker project id, got " + projectIds.get(i));
                }
            }
        }
        Set<Publish> filters = EnumSet.noneOf(Publish.class);
        if (publish != null) {
            for (int i = 0; i < publish.size(); i++) {
                String wanted = publish.get(i);
                int index = i;
                filters.add(Publish.of(wanted).orElseThrow(() ->
                        ProblemException.invalid("publish[" + index + "]", "'" + wanted + "' is not one of " + PUBLISH_NAMES)));
            }
        }
        if (channelType.chat() && filters.isEmpty()) {
            throw ProblemException.invalid("publish", "is required for a chat room: one or more of " + PUBLISH_NAMES);
        }
        if (kinds != null) {
            if (channelType.chat()) {
                throw ProblemException.invalid("kinds", "only web hook channels take kinds; a chat room chooses with publish");
            }
            for (int i = 0; i < kinds.size(); i++) {
                if (kinds.get(i) == null || !kinds.get(i).matches("[a-z_]+_activity")) {
                    throw ProblemException.invalid("kinds[" + i + "]", "'" + kinds.get(i) + "' is not an activity kind, e.g. story_update_activity");
                }
            }
        }
        if (ratePerSecond != null && (ratePerSecond <= 0 || ratePerSecond > 10_000)) {
            throw ProblemException.invalid("rate_per_second", "must be more than 0 and at most 10000, was " + ratePerSecond);
        }
        if (config == null || !config.isObject()) {
            throw ProblemException.invalid("config", "is required: an object with the receiver's url");
        }
        List<String> allowed = channelType == ChannelType.WEBHOOK ? List.of("url", "version") : List.of("url");
        for (Iterator<String> names = config.fieldNames(); names.hasNext(); ) {
            String field = names.next();
            if (!allowed.contains(field)) {
                throw ProblemException.invalid("config." + field, "is not a setting of a " + channelType.wire() + " channel; it takes "
                        + String.join(", ", allowed));
            }
        }
        String url = config.hasNonNull("url") ? config.get("url").asText() : null;
        if (url == null && creating) {
            throw ProblemException.invalid("config.url", "is required: the receiver's URL, e.g. " + example(channelType));
        }
        if (url != null) {
            checkUrl(url, channelType);
        }
        String version = null;
        if (channelType == ChannelType.WEBHOOK) {
            version = config.hasNonNull("version") ? config.get("version").asText() : WebhookBody.V5;
            if (!WebhookBody.V5.equals(version) && !WebhookBody.V3.equals(version)) {
                throw ProblemException.invalid("config.version", "'" + version + "' is not v5 or v3");
            }
        }
        return new ChannelSpec(channelType, name.trim(), projectIds == null ? null : List.copyOf(projectIds), filters,
                kinds == null ? null : new ArrayList<>(kinds), url, version, ratePerSecond);
    }

    private static void checkUrl(String url, ChannelType type) {
        try {
            URI uri = new URI(url);
            if (!"https".equalsIgnoreCase(uri.getScheme()) && !"http".equalsIgnoreCase(uri.getScheme()) || uri.getHost() == null) {
                throw ProblemException.invalid("config.url", "must be an absolute http or https URL, e.g. " + example(type));
            }
        } catch (URISyntaxException e) {
            // the URL holds a key: name the position, not the text
            throw ProblemException.invalid("config.url", "is not a URL (" + e.getReason() + " at index " + e.getIndex() + ")");
        }
    }

    private static String example(ChannelType type) {
        return switch (type) {
            case SLACK -> "https://hooks.slack.com/services/T000/B000/XXXX";
            case CAMPFIRE -> "https://campfire.example.com/rooms/225611/KEY/messages";
            case WEBHOOK -> "https://example.com/tracker-activity";
        };
    }
}
