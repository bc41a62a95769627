package io.trackerhub.kit.kafka;

import io.trackerhub.events.kafka.Topics;
import org.eclipse.microprofile.config.spi.ConfigSource;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * A service's Kafka channels written with the contract's topic names from {@code tracker-events} rather than typed
 * into application.properties. A service subclasses it once, lists its channels in the constructor and registers the
 * class in {@code META-INF/services/org.eclipse.microprofile.config.spi.ConfigSource}:
 * <pre>
 * public class Channels extends TrackerChannels {
 *     public Channels() {
 *         super("timesheet-service");
 *         incoming("tracker-activity", Topics.ACTIVITY, "timesheet-service.activity").batch();
 *     }
 * }
 * </pre>
 * Ordinal 200: application.properties (250) and the environment override any of these.
 */
public abstract class TrackerChannels implements ConfigSource {

    private static final String STRING_DESERIALIZER = "org.apache.kafka.common.serialization.StringDeserializer";
    private static final String BYTES_DESERIALIZER = "org.apache.kafka.common.serialization.ByteArrayDeserializer";
    private static final String STRING_SERIALIZER = "org.apache.kafka.common.serialization.StringSerializer";
    private static final String BYTES_SERIALIZER = "org.apache.kafka.common.serialization.ByteArraySerializer";

    private final String service;
    private final Map<String, String> properties = new HashMap<>();

    protected TrackerChannels(String service) {
        this.service = service;
    }

    /** Settings of one incoming channel that can be changed before the constructor returns. */
    public final class Incoming {
        private final String prefix;

        private Incoming(String prefix) {
            this.prefix = prefix;
        }

        /** Delivers a poll at a time ({@code KafkaRecordBatch}); see {@link TrackerConsumer#ofPolls}. */
        public Incoming batch() {
            properties.put(prefix + "batch", "true");
            return this;
        }
    }

    /**
     * A channel reading {@code topic} in consumer group {@code group}: String keys, byte[] values (parsed with
     * {@code tracker-events}), from the earliest offset when the group is new, and each record that cannot be read
     * written to {@code hub.deadletter} by SmallRye's dead-letter queue.
     */
    protected Incoming incoming(String channel, String topic, String group) {
        String prefix = "mp.messaging.incoming." + channel + ".";
        properties.put(prefix + "connector", "smallrye-kafka");
        properties.put(prefix + "topic", topic);
        properties.put(prefix + "group.id", group);
        properties.put(prefix + "key.deserializer", STRING_DESERIALIZER);
        properties.put(prefix + "value.deserializer", BYTES_DESERIALIZER);
        properties.put(prefix + "auto.offset.reset", "earliest");
        properties.put(prefix + "failure-strategy", "dead-letter-queue");
        properties.put(prefix + "dead-letter-queue.topic", Topics.DEADLETTER);
        properties.put(prefix + "dead-letter-queue.key.serializer", STRING_SERIALIZER);
        properties.put(prefix + "dead-letter-queue.value.serializer", BYTES_SERIALIZER);
        // A SIGTERM closes a service's channels one after another, each waiting up to a poll-timeout for its poll, two
        // more (grace) and up to auto.commit.interval.ms for what it fetched to be applied: SmallRye's 1 s / 5 s made
        // 3-8 s a channel and 16-21 s for the connector's six (measured; thread dumps in KafkaSource.closeQuietly and
        // grace). 250 ms / 1 s keep the graceful path at ~0.7 s a channel; offsets are also committed every second.
        properties.put(prefix + "poll-timeout", "250");
        properties.put(prefix + "auto.commit.interval.ms", "1000");
        return new Incoming(prefix);
    }

    @Override
    public Map<String, String> getProperties() {
        return properties;
    }

    @Override
    public Set<String> getPropertyNames() {
        return properties.keySet();
    }

    @Override
    public String getValue(String propertyName) {
        return properties.get(propertyName);
    }

    @Override
    public String getName() {
        return service + " Kafka channels (service-kit TrackerChannels)";
    }

    @Override
    public int getOrdinal() {
        return 200;
    }
}
