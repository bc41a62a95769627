package io.trackerhub.testkit;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.smallrye.reactive.messaging.kafka.companion.test.EmbeddedKafkaBroker;

import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * A real Kafka broker for tests: KRaft in the test JVM, started once per JVM and shared by every test class,
 * or the broker named by {@code TEST_KAFKA_BOOTSTRAP_SERVERS} (or {@code -Dtestkit.containers=true}: a container).
 * Tests never assume an empty broker: they use {@link KafkaTestClient#uniqueTopic(String)} or unique groups.
 */
public class KafkaBroker implements QuarkusTestResourceLifecycleManager {

    private static String bootstrapServers;
    private static EmbeddedKafkaBroker embedded;

    /** Bootstrap servers of the shared broker, starting it on first use. */
    public static synchronized String bootstrapServers() {
        if (bootstrapServers != null) {
            return bootstrapServers;
        }
        String external = System.getenv("TEST_KAFKA_BOOTSTRAP_SERVERS");
        if (external != null && !external.isBlank()) {
            bootstrapServers = external.trim();
        } else if (Containers.requested()) {
            bootstrapServers = Containers.kafka();
        } else {
            bootstrapServers = startEmbedded();
        }
        return bootstrapServers;
    }

    private static String startEmbedded() {
        quietKafkaLogs();
        embedded = new EmbeddedKafkaBroker()
                .withDeleteLogDirsOnClose(true)
                .withAdditionalProperties(KafkaBroker::singleNode)
                .start();
        Runtime.getRuntime().addShutdownHook(new Thread(embedded::close, "testkit-kafka-stop"));
        return embedded.getAdvertisedListeners().replaceAll("^[A-Z_]+://", "");
    }

    /** Kafka logs thousands of INFO lines per start; tests only need to see its warnings. */
    static void quietKafkaLogs() {
        for (String name : new String[] {"kafka", "org.apache.kafka", "state.change.logger", "org.apache.zookeeper"}) {
            Logger.getLogger(name).setLevel(Level.WARNING);
        }
    }

    /** Replication settings a single-node broker needs (docs/architecture.md, "Platform"). */
    static void singleNode(java.util.Properties p) {
        p.put("offsets.topic.replication.factor", "1");
        p.put("offsets.topic.num.partitions", "3");
        p.put("transaction.state.log.replication.factor", "1");
        p.put("transaction.state.log.min.isr", "1");
        p.put("group.initial.rebalance.delay.ms", "0");
        p.put("share.coordinator.state.topic.replication.factor", "1");
        p.put("share.coordinator.state.topic.min.isr", "1");
        p.put("num.partitions", "1");
        p.put("auto.create.topics.enable", "true");
    }

    @Override
    public Map<String, String> start() {
        return Map.of("kafka.bootstrap.servers", bootstrapServers());
    }

    @Override
    public void stop() {
        // Shared by every test class of the JVM; stopped by the shutdown hook.
    }
}
