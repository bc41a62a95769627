package io.trackerhub.kit.kafka;

import io.smallrye.reactive.messaging.kafka.api.IncomingKafkaRecordMetadata;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import io.trackerhub.events.TrackerFormatException;
import io.trackerhub.events.kafka.ActivityRecord;
import io.trackerhub.events.kafka.CloudEventHeaders;
import io.trackerhub.events.kafka.EventMeta;
import io.trackerhub.events.kafka.TrackerRecord;
import org.apache.kafka.common.header.Headers;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.Metadata;

import java.util.Map;
import java.util.concurrent.CompletionStage;

/**
 * Reads the Kafka contract of {@code tracker-events} from messages SmallRye Reactive Messaging consumed — the key, the
 * headers, the activity — and hands records a consumer cannot use to the dead-letter topic with why, so that a service
 * never takes records apart itself. (Records are written by {@link TrackerProducer}, exactly as {@link TrackerRecord}
 * has them.) On incoming channels SmallRye also recognises the {@code ce_} headers and offers
 * {@code IncomingKafkaCloudEventMetadata} to whoever wants it.
 * <pre>
 * ActivityRecord event = TrackerMessages.activity(message);   // a TrackerConsumer's parser
 * </pre>
 */
public final class TrackerMessages {

    private TrackerMessages() {
    }

    /** The CloudEvents attributes and hub headers of a consumed message. */
    public static EventMeta meta(Message<?> message) {
        return CloudEventHeaders.read(headers(message));
    }

    /** The activity and its headers of a message consumed from {@code tracker.activity}. */
    public static ActivityRecord activity(Message<byte[]> message) throws TrackerFormatException {
        return ActivityRecord.from(headers(message), message.getPayload());
    }

    /** The record key of a consumed message (a decimal id by contract), or null. */
    public static String key(Message<?> message) {
        return incoming(message).getKey() == null ? null : incoming(message).getKey().toString();
    }

    /**
     * Hands a consumed record that cannot be read to its channel's failure strategy: with
     * {@code failure-strategy=dead-letter-queue} SmallRye writes it to {@code hub.deadletter}, adding the hub's
     * {@code hub-error}, {@code hub-source-topic} and {@code hub-attempts} headers to what it copies. Completes when
     * the dead letter is written.
     */
    public static CompletionStage<Void> deadLetter(Message<byte[]> message, Exception reason) {
        Retrying.countUnreadable(message);
        return deadLetter(message, "unreadable", reason.getMessage(), 1, java.time.Instant.now());
    }

    /**
     * Hands a consumed record its consumer gives up on to the channel's dead-letter queue, with why ({@code kind}:
     * {@code unreadable}, {@code data}, {@code failing}; {@code reason}, one line), the consumer group, where it was
     * read (topic, partition, offset), how often and since when it was tried.
     */
    public static CompletionStage<Void> deadLetter(Message<byte[]> message, String kind, String reason, int attempts, java.time.Instant firstFailure) {
        IncomingKafkaRecordMetadata<?, ?> from = incoming(message);
        Map<String, String> about = new java.util.LinkedHashMap<>();
        about.put(CloudEventHeaders.HUB_ERROR_KIND, kind);
        about.put(CloudEventHeaders.HUB_GROUP, group(from.getChannel()));
        about.put(CloudEventHeaders.HUB_SOURCE_PARTITION, Integer.toString(from.getPartition()));
        about.put(CloudEventHeaders.HUB_SOURCE_OFFSET, Long.toString(from.getOffset()));
        about.put(CloudEventHeaders.HUB_FIRST_FAILURE, firstFailure.toString());
        Map<String, String> headers = TrackerRecord.deadLetter(from.getTopic(), key(message), message.getPayload(), about, reason, attempts).headers();
        return message.nack(new IllegalStateException(reason), Metadata.of(OutgoingKafkaRecordMetadata.<String>builder()
                .withHeaders(CloudEventHeaders.toHeaders(headers)).build()));
    }

    /** Where a consumed record was read: {@code topic-partition@offset}. */
    public static String where(Message<?> message) {
        IncomingKafkaRecordMetadata<?, ?> from = incoming(message);
        return from.getTopic() + "-" + from.getPartition() + "@" + from.getOffset();
    }

    /** The consumer group of an incoming channel: its {@code group.id}, else the application's name (Quarkus' default). */
    public static String group(String channel) {
        org.eclipse.microprofile.config.Config config = org.eclipse.microprofile.config.ConfigProvider.getConfig();
        return config.getOptionalValue("mp.messaging.incoming." + channel + ".group.id", String.class)
                .or(() -> config.getOptionalValue("kafka.group.id", String.class))
                .or(() -> config.getOptionalValue("quarkus.application.name", String.class))
                .orElse(channel);
    }

    private static Headers headers(Message<?> message) {
        return incoming(message).getHeaders();
    }

    private static IncomingKafkaRecordMetadata<?, ?> incoming(Message<?> message) {
        return message.getMetadata(IncomingKafkaRecordMetadata.class)
                .orElseThrow(() -> new IllegalArgumentException("not a message consumed from Kafka: it has no IncomingKafkaRecordMetadata"));
    }
}
