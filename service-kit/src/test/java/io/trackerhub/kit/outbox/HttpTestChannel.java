package io.trackerhub.kit.outbox;

import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;

import java.net.URI;
import java.time.Duration;
import java.util.Map;

/** A channel as a service would write one: POST the payload to the delivery's target URL. */
@ApplicationScoped
public class HttpTestChannel implements DeliveryHandler {

    private final HttpSender sender;

    HttpTestChannel(Vertx vertx) {
        this.sender = new HttpSender(vertx, Duration.ofSeconds(5), 16);
    }

    @Override
    public String channel() {
        return "test-http";
    }

    @Override
    public DeliveryResult deliver(Delivery delivery) {
        return sender.post(URI.create(delivery.target()), delivery.payload(), delivery.headers(), Map.of("Authorization", "Bearer added-at-send-time"));
    }
}
