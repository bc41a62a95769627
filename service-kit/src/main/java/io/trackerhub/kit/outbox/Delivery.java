package io.trackerhub.kit.outbox;

import java.time.Instant;
import java.util.Map;

/**
 * One external call to make: {@code channel} names the {@link DeliveryHandler} that sends it, {@code target}
 * where it goes (shown to operators, never a secret), {@code payload} what is sent.
 */
public record Delivery(long id, String channel, String target, String dedupKey, String payload, Map<String, String> headers,
                       Status status, int attempts, int maxAttempts, Instant nextAttemptAt, String lastError,
                       Integer lastStatus, Instant createdAt, Instant deliveredAt) {

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
    public record Request(String channel, String target, String dedupKey, String payload, Map<String, String> headers) {
        public Request {
            headers = headers == null ? Map.of() : Map.copyOf(headers);
        }

        public static Request of(String channel, String target, String payload) {
            return new Request(channel, target, null, payload, Map.of());
        }

        /** The same dedup key is queued once per channel: a redelivered Kafka record cannot queue a second call. */
        public Request dedupedBy(String key) {
            return new Request(channel, target, key, payload, headers);
        }

        public Request withHeaders(Map<String, String> newHeaders) {
            return new Request(channel, target, dedupKey, payload, newHeaders);
        }
    }
}
