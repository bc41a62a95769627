package io.trackerhub.kit.kafka;

import org.apache.kafka.clients.producer.ProducerConfig;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * Settings of a plain {@code KafkaProducer} that a caller waits on (a web hook answered only after the ack):
 * latency first, and never a silent loss.
 */
public final class ProducerSettings {

    private ProducerSettings() {
    }

    /**
     * {@code linger.ms=1} (a waiting caller pays for any batching delay), 5 in flight, {@code max.block.ms=1000},
     * request and delivery timeouts around {@code ackTimeout}, a 64 MB buffer; then the service's {@code kafka.*}
     * settings ({@code @Identifier("default-kafka-broker")}) that are producer settings; then, whatever those say,
     * {@code acks=all} and idempotence.
     */
    public static Map<String, Object> acknowledged(Map<String, Object> kafka, Duration ackTimeout, String clientId) {
        Map<String, Object> config = new HashMap<>();
        config.put(ProducerConfig.LINGER_MS_CONFIG, 1);
        config.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 5);
        config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 1000);
        config.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) Math.max(1000, ackTimeout.toMillis() - 1000));
        config.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, (int) ackTimeout.toMillis() + 1000);
        config.put(ProducerConfig.BUFFER_MEMORY_CONFIG, 64L * 1024 * 1024);
        config.put(ProducerConfig.CLIENT_ID_CONFIG, clientId);
        kafka.forEach((key, value) -> {
            if (ProducerConfig.configNames().contains(key)) {
                config.put(key, value);
            }
        });
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        return config;
    }
}
