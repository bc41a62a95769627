package io.trackerhub.notification.delivery;

import io.trackerhub.events.kafka.Topics;
import org.eclipse.microprofile.config.spi.ConfigSource;

import java.util.Map;
import java.util.Set;

/**
 * The Kafka settings of the {@code tracker-activity} channel, written with the contract's topic names from
 * {@code tracker-events} rather than typed into application.properties. Ordinal 200: application.properties (250)
 * and the environment override any of them.
 */
public class ActivityChannelConfig implements ConfigSource {

    private static final String PREFIX = "mp.messaging.incoming." + ActivityConsumer.CHANNEL + ".";
    private static final Map<String, String> PROPERTIES = Map.ofEntries(
            Map.entry(PREFIX + "connector", "smallrye-kafka"),
            Map.entry(PREFIX + "topic", Topics.ACTIVITY),
            Map.entry(PREFIX + "group.id", "notification-service"),
            Map.entry(PREFIX + "key.deserializer", "org.apache.kafka.common.serialization.StringDeserializer"),
            Map.entry(PREFIX + "value.deserializer", "org.apache.kafka.common.serialization.ByteArrayDeserializer"),
            Map.entry(PREFIX + "auto.offset.reset", "earliest"),
            // a poll is applied in one transaction (ActivityConsumer); each unreadable record is dead-lettered on its own
            Map.entry(PREFIX + "batch", "true"),
            Map.entry(PREFIX + "failure-strategy", "dead-letter-queue"),
            Map.entry(PREFIX + "dead-letter-queue.topic", Topics.DEADLETTER),
            Map.entry(PREFIX + "dead-letter-queue.key.serializer", "org.apache.kafka.common.serialization.StringSerializer"),
            Map.entry(PREFIX + "dead-letter-queue.value.serializer", "org.apache.kafka.common.serialization.ByteArraySerializer"));

    @Override
    public Map<String, String> getProperties() {
        return PROPERTIES;
    }

    @Override
    public Set<String> getPropertyNames() {
        return PROPERTIES.keySet();
    }

    @Override
    public String getValue(String propertyName) {
        return PROPERTIES.get(propertyName);
    }

    @Override
    public String getName() {
        return "notification-service tracker-activity channel";
    }

    @Override
    public int getOrdinal() {
        return 200;
    }
}
