package io.trackerhub.kit.outbox;

import java.time.Instant;
import java.util.Map;

/**
 * One external call to make: {@code channel} names the {@link DeliveryHandler} that sends it, {@code target}
 * where it goes (shown to operators, never a secret), {@code payload} what is sent. {@code destination} (optional)
 * names the receiver whose rate limit and pause state apply (e.g. {@code channel/42}); deliveries with the same
 * {@code orderingKey} (optional) are sent one at a time, in the order they were queued.
 */
public record Delivery(long id, String channel, String target, String dedupKey, String payload, Map<String, String> headers,
                       Status status, int attempts, int maxAttempts, Instant nextAttemptAt, String lastError,
                       Integer lastStatus, Instant createdAt, Instant deliveredAt, String destination, String orderingKey) {

    public enum Status {
        PENDING, SENDING, DELIVERED, FAILED;

        public String column() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }

        static Status of(String column) {
            return valueOf(column.toUpperCase(java.util.Locale.ROOT));
        }
    }

    /** What a service asks to be delivered; the outbox fills in the rest. */
    public record Request(String channel, String target, String dedupKey, String payload, Map<String, String> headers,
                          String destination, String orderingKey) {
        public Request {
            headers = headers == null ? Map.of() : Map.copyOf(headers);
        }

        public static Request of(String channel, String target, String payload) {
            return new Request(channel, target, null, payload, Map.of(), null, null);
        }

        /** The same dedup key is queued once per channel: a redelivered Kafka record cannot queue a second call. */
        public Request dedupedBy(String key) {
            return new Request(channel, target, key, payload, headers, destination, orderingKey);
        }

        public Request withHeaders(Map<String, String> newHeaders) {
            return new Request(channel, target, dedupKey, payload, newHeaders, destination, orderingKey);
        }

        /** The receiver this goes to: its rate limit applies, and it is paused as a whole when it keeps failing. */
        public Request to(String newDestination) {
            return new Request(channel, target, dedupKey, payload, headers, newDestination, orderingKey);
        }

        /** Deliveries with the same key are sent one at a time, in queue order (a later one waits for an earlier retry). */
        public Request inOrderOf(String key) {
            return new Request(channel, target, dedupKey, payload, headers, destination, key);
        }
    }
}
