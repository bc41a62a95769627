package io.trackerhub.kit.kafka;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

import java.util.HashMap;
import java.util.Map;

/**
 * A plain consumer that reads a topic by assignment, in no consumer group and committing nothing: for reading what is
 * on a topic (dead letters, a backfill's past activity) beside the service's own consumers.
 */
public final class Readers {

    private Readers() {
    }

    /** String keys, byte[] values, the service's {@code kafka.*} consumer settings ({@code default-kafka-broker}), no group. */
    public static KafkaConsumer<String, byte[]> withoutGroup(Map<String, Object> kafka, String clientId) {
        Map<String, Object> config = new HashMap<>();
        kafka.forEach((key, value) -> {
            if (ConsumerConfig.configNames().contains(key)) {
                config.put(key, value);
            }
        });
        config.remove(ConsumerConfig.GROUP_ID_CONFIG);
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 500);
        config.put(ConsumerConfig.CLIENT_ID_CONFIG, clientId);
        return new KafkaConsumer<>(config, new StringDeserializer(), new ByteArrayDeserializer());
    }
}
