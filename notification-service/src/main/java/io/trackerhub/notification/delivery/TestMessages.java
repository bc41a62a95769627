package io.trackerhub.notification.delivery;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.trackerhub.events.activity.Activities;
import io.trackerhub.events.activity.Activity;
import io.trackerhub.kit.outbox.HttpSender;
import io.trackerhub.notification.channels.Channel;
import io.trackerhub.notification.channels.ChannelType;
import io.trackerhub.notification.messages.Publish;
import io.trackerhub.notification.messages.ChatText;
import jakarta.enterprise.context.ApplicationScoped;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.util.EnumSet;
import java.util.Map;

/**
 * "Send a test message": one request now, outside the outbox (no retries, no queue), so that whoever sets up a channel
 * sees at once what the receiver answers. The sample is a real Tracker activity (a story started).
 */
@ApplicationScoped
public class TestMessages {

    /** What was sent and what the receiver answered; {@code status} null when it could not be reached. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Report(boolean delivered, Integer status, String answer, String sent) {
    }

    private final HttpSender http;
    private final Activity sample;

    TestMessages(HttpSender http) {
        this.http = http;
        try (InputStream in = TestMessages.class.getResourceAsStream("/samples/activity.json")) {
            this.sample = Activities.parseJson(in.readAllBytes());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public Report send(Channel channel) {
        var request = Notifications.request(channel, sample, EnumSet.allOf(Publish.class));
        if (!channel.openable()) {
            return new Report(false, null, channel.unopenable().orElseThrow(), request.payload());
        }
        String payload = request.payload();
        if (channel.type.chat()) {
            String text = "Tracker Hub test message for \"" + channel.name + "\": " + ChatText.of(sample, EnumSet.allOf(Publish.class)).orElseThrow();
            payload = channel.type == ChannelType.SLACK ? Notifications.slack(text) : Campfire.body(text);
        }
        try {
            HttpSender.Answer answer = http.exchange(URI.create(channel.url), payload, request.headers(), Map.of("User-Agent", "TrackerHub"));
            boolean delivered = answer.status() >= 200 && answer.status() < 300;
            if (channel.type == ChannelType.CAMPFIRE) {
                var rejected = Campfire.keyRejected(answer, channel.id);
                if (rejected.isPresent()) {
                    return new Report(false, answer.status(), rejected.get(), payload);
                }
            }
            return new Report(delivered, answer.status(), abbreviate(answer.body()), payload);
        } catch (IOException e) {
            return new Report(false, null, HttpSender.unreachable(URI.create(channel.url), e), payload);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Report(false, null, "interrupted", payload);
        }
    }

    private static String abbreviate(String body) {
        if (body == null) {
            return "";
        }
        return body.length() <= 1000 ? body : body.substring(0, 1000) + "…";
    }
}
