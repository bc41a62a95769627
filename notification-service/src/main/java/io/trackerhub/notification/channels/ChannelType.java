package io.trackerhub.notification.channels;

import com.fasterxml.jackson.databind.JsonNode;
import io.trackerhub.events.vocabulary.ActivityKinds;
import io.trackerhub.kit.errors.ProblemException;
import io.trackerhub.notification.messages.Publish;
import io.trackerhub.notification.messages.WebhookBody;
import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Where a channel posts: a Slack-compatible incoming web hook, a Campfire bot URL, or Tracker's Activity Web Hook.
 * Each type knows what a channel of it must be given: chat rooms choose with {@code publish}, web hooks may narrow
 * to {@code kinds} and take a {@code version}.
 */
public enum ChannelType {
    SLACK(1.0, "https://hooks.slack.com/services/T000/B000/XXXX", List.of("url")),
    CAMPFIRE(1.0, "https://campfire.example.com/rooms/225611/KEY/messages", List.of("url")),
    WEBHOOK(null, "https://example.com/tracker-activity", List.of("url", "version"));

    /** A channel's {@code config}, checked: {@code url} null on an update keeps the stored one. */
    record Config(String url, String version) {
    }

    /** Rate limit when the channel names none: chat rooms take about one message a second; web hooks are not limited. */
    private final Double defaultRatePerSecond;
    private final String exampleUrl;
    private final List<String> settings;

    ChannelType(Double defaultRatePerSecond, String exampleUrl, List<String> settings) {
        this.defaultRatePerSecond = defaultRatePerSecond;
        this.exampleUrl = exampleUrl;
        this.settings = settings;
    }

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    public boolean chat() {
        return this != WEBHOOK;
    }

    public Double defaultRatePerSecond() {
        return defaultRatePerSecond;
    }

    public static Optional<ChannelType> of(String wire) {
        return Arrays.stream(values()).filter(t -> t.wire().equals(wire)).findFirst();
    }

    /** The type a request names (blank is refused by its annotation), or a problem naming {@code type}. */
    static ChannelType parse(String type) {
        return of(type.trim().toLowerCase(Locale.ROOT)).orElseThrow(() ->
                ProblemException.invalid("type", "'" + type + "' is not one of slack, campfire, webhook"));
    }

    /** Chat rooms must publish something and take no kinds; web hooks take kinds that are activity kinds. */
    void checkFilters(Set<Publish> publish, List<String> kinds) {
        if (chat() && publish.isEmpty()) {
            throw ProblemException.invalid("publish", "is required for a chat room: one or more of " + Publish.NAMES);
        }
        if (kinds != null && chat()) {
            throw ProblemException.invalid("kinds", "only web hook channels take kinds; a chat room chooses with publish");
        }
        for (int i = 0; kinds != null && i < kinds.size(); i++) {
            if (kinds.get(i) == null || !kinds.get(i).matches("[a-z_]+" + ActivityKinds.SUFFIX)) {
                throw ProblemException.invalid("kinds[" + i + "]", "'" + kinds.get(i) + "' is not an activity kind, e.g. "
                        + ActivityKinds.STORY_UPDATE);
            }
        }
    }

    /** The settings of {@code config} this type takes, checked; {@code creating} requires the URL. */
    Config config(JsonNode config, boolean creating) {
        if (config == null || !config.isObject()) {
            throw ProblemException.invalid("config", "is required: an object with the receiver's url");
        }
        for (Iterator<String> names = config.fieldNames(); names.hasNext(); ) {
            String field = names.next();
            if (!settings.contains(field)) {
                throw ProblemException.invalid("config." + field, "is not a setting of a " + wire() + " channel; it takes "
                        + String.join(", ", settings));
            }
        }
        String url = config.hasNonNull("url") ? config.get("url").asText() : null;
        if (url == null && creating) {
            throw ProblemException.invalid("config.url", "is required: the receiver's URL, e.g. " + exampleUrl);
        }
        if (url != null) {
            checkUrl(url);
        }
        return new Config(url, this == WEBHOOK ? version(config) : null);
    }

    private void checkUrl(String url) {
        try {
            URI uri = new URI(url);
            if (!"https".equalsIgnoreCase(uri.getScheme()) && !"http".equalsIgnoreCase(uri.getScheme()) || uri.getHost() == null) {
                throw ProblemException.invalid("config.url", "must be an absolute http or https URL, e.g. " + exampleUrl);
            }
        } catch (URISyntaxException e) {
            // the URL holds a key: name the position, not the text
            throw ProblemException.invalid("config.url", "is not a URL (" + e.getReason() + " at index " + e.getIndex() + ")");
        }
    }

    private static String version(JsonNode config) {
        String version = config.hasNonNull("version") ? config.get("version").asText() : WebhookBody.V5;
        if (!WebhookBody.V5.equals(version) && !WebhookBody.V3.equals(version)) {
            throw ProblemException.invalid("config.version", "'" + version + "' is not v5 or v3");
        }
        return version;
    }

    /** {@code channel.type}: the wire name. */
    @Converter
    public static class Column implements AttributeConverter<ChannelType, String> {
        @Override
        public String convertToDatabaseColumn(ChannelType type) {
            return type == null ? null : type.wire();
        }

        @Override
        public ChannelType convertToEntityAttribute(String wire) {
            return wire == null ? null : of(wire).orElseThrow(() -> new IllegalStateException("unknown channel type '" + wire + "'"));
        }
    }
}
