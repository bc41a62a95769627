package io.trackerhub.testkit;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.smallrye.reactive.messaging.kafka.companion.test.EmbeddedKafkaBroker;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;

/**
 * A broker of its own for tests that stop Kafka and start it again ({@link #stopBroker()}, {@link #startBroker()}):
 * same ports, same cluster id, same log directory, so what was acknowledged before the stop is there after it.
 * Never shared with {@link KafkaBroker}, so stopping it disturbs no other test.
 */
public class StoppableKafkaBroker implements QuarkusTestResourceLifecycleManager {

    private static final String CLUSTER_ID = UUID.randomUUID().toString().replace("-", "").substring(0, 22);
    private static int kafkaPort;
    private static int controllerPort;
    private static Path logDir;
    private static EmbeddedKafkaBroker broker;

    public static synchronized String bootstrapServers() {
        if (broker == null && logDir == null) {
            kafkaPort = Ports.free();
            controllerPort = Ports.free();
            try {
                logDir = Files.createTempDirectory("testkit-kafka-stoppable");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            startBroker();
            Runtime.getRuntime().addShutdownHook(new Thread(StoppableKafkaBroker::stopBroker, "testkit-kafka-stoppable-stop"));
        }
        return "localhost:" + kafkaPort;
    }

    public static synchronized void startBroker() {
        if (broker != null) {
            return;
        }
        KafkaBroker.quietKafkaLogs();
        broker = new EmbeddedKafkaBroker()
                .withClusterId(CLUSTER_ID)
                .withKafkaPort(kafkaPort)
                .withControllerPort(controllerPort)
                .withDeleteLogDirsOnClose(false)
                .withAdditionalProperties(p -> {
                    KafkaBroker.singleNode(p);
                    p.put("log.dirs", logDir.toString());
                })
                .start();
    }

    public static synchronized void stopBroker() {
        if (broker != null) {
            broker.close();
            broker = null;
        }
    }


    @Override
    public Map<String, String> start() {
        return Map.of("kafka.bootstrap.servers", bootstrapServers());
    }

    @Override
    public void stop() {
        stopBroker();
    }
}
