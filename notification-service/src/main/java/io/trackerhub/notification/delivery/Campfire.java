package io.trackerhub.notification.delivery;

import io.trackerhub.kit.outbox.DeliveryResult;
import io.trackerhub.kit.outbox.HttpSender;

import java.net.URI;
import java.util.Optional;

/**
 * Today's Campfire (37signals' ONCE Campfire) bot API: {@code POST /rooms/{room}/{bot_key}/messages} with the message
 * as the raw body, stored as rich text (HTML): text is escaped and line breaks become {@code <br>}. A bot key it does
 * not accept is answered with a redirect to its login page ({@code /session/new}), not a 401; the versions that take
 * the key as a bearer token answer 401. Both mean the channel's URL must be fixed: the channel is paused, its
 * deliveries wait. See fixtures/campfire/README.md for the source lines.
 */
public final class Campfire {

    private Campfire() {
    }

    /** The message body for a chat text. */
    public static String body(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\r\n", "\n").replace("\n", "<br>");
    }

    /** Why the room did not take channel {@code channelId}'s bot key, or empty when the answer says something else. */
    static Optional<String> keyRejected(HttpSender.Answer answer, long channelId) {
        int status = answer.status();
        if (status >= 300 && status < 400) {
            String path = "elsewhere";
            try {
                path = answer.location() == null ? path : Optional.ofNullable(URI.create(answer.location()).getPath()).orElse(path);
            } catch (IllegalArgumentException ignored) {
                // named as "elsewhere"
            }
            return Optional.of("Campfire answered HTTP " + status + ", a redirect to " + path
                    + ": it did not accept the bot key in the channel's URL (fix it with PUT /api/channels/" + channelId + ")");
        }
        if (status == 401 || status == 403) {
            return Optional.of("Campfire answered HTTP " + status + ": it did not accept the bot key (fix it with PUT /api/channels/" + channelId + ")");
        }
        return Optional.empty();
    }

    /** A delivery's result: a rejected key keeps the delivery waiting (the caller pauses the channel). */
    static DeliveryResult result(HttpSender.Answer answer, long channelId) {
        return keyRejected(answer, channelId).map(DeliveryResult::retry).orElseGet(answer::result);
    }
}
