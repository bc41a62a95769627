package io.trackerhub.notification.delivery;

import io.trackerhub.kit.outbox.Delivery;
import io.trackerhub.kit.outbox.DeliveryHandler;
import io.trackerhub.kit.outbox.DeliveryResult;
import io.trackerhub.kit.outbox.HttpSender;
import io.trackerhub.kit.outbox.Outbox;
import io.trackerhub.notification.NotificationConfig;
import io.trackerhub.notification.channels.Channel;
import io.trackerhub.notification.channels.ChannelType;
import io.trackerhub.notification.channels.Channels;
import io.vertx.core.Vertx;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.net.URI;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/** The outbox handler of the channel types: POST the stored payload to the channel's URL, opened at send time. */
final class ChannelSenders {

    private ChannelSenders() {
    }

    @Singleton
    static class Http {
        @Produces
        @Singleton
        HttpSender sender(Vertx vertx, NotificationConfig config,
                          @ConfigProperty(name = "hub.outbox.concurrency", defaultValue = "16") int concurrency) {
            // as many kept-alive connections to one receiver as sends can run at once (hub.outbox.* is service-kit's)
            return new HttpSender(vertx, config.sendTimeout(), concurrency);
        }

        void close(@Disposes HttpSender sender) {
            sender.close();
        }
    }

    /** One handler for every channel type: each is a POST of the stored payload, to a URL opened only now. */
    @Singleton
    static class ToChannel implements DeliveryHandler {
        private final Channels channels;
        private final HttpSender http;
        private final Outbox outbox;

        ToChannel(Channels channels, HttpSender http, Outbox outbox) {
            this.channels = channels;
            this.http = http;
            this.outbox = outbox;
        }

        @Override
        public String channel() {
            return ChannelType.SLACK.wire();
        }

        @Override
        public Set<String> channels() {
            return Arrays.stream(ChannelType.values()).map(ChannelType::wire).collect(Collectors.toSet());
        }

        @Override
        public DeliveryResult deliver(Delivery delivery) {
            long id = Long.parseLong(delivery.destination().substring(delivery.destination().lastIndexOf('/') + 1));
            Optional<Channel> channel = channels.find(id);
            if (channel.isEmpty()) {
                return DeliveryResult.rejected("channel " + id + " was deleted before this was sent");
            }
            if (!channel.get().openable()) {
                // every delivery of the channel waits, visibly, for its URL to be set again (PUT resumes it)
                String why = channel.get().unopenable().orElseThrow();
                outbox.pause(delivery.destination(), why);
                return DeliveryResult.retry(why);
            }
            if (channel.get().type == ChannelType.CAMPFIRE) {
                return http.post(URI.create(channel.get().url), delivery.payload(), delivery.headers(), requestHeaders(delivery), answer -> {
                    // every message to the room would be refused the same way: they wait until the URL is fixed
                    Campfire.keyRejected(answer, id).ifPresent(why -> outbox.pause(delivery.destination(), why));
                    return Campfire.result(answer, id);
                });
            }
            return http.post(URI.create(channel.get().url), delivery.payload(), delivery.headers(), requestHeaders(delivery));
        }

        /**
         * The outbox is at least once: a send cut short by a crash is made again. {@code Idempotency-Key} (the
         * delivery's dedup key: the same for every attempt of it) lets a receiver that honours it drop the repeat.
         */
        static Map<String, String> requestHeaders(Delivery delivery) {
            return delivery.dedupKey() == null ? Map.of("User-Agent", "TrackerHub")
                    : Map.of("User-Agent", "TrackerHub", "Idempotency-Key", delivery.dedupKey());
        }
    }
}
