package io.trackerhub.testkit;

import org.testcontainers.DockerClientFactory;
import org.testcontainers.kafka.KafkaContainer;
import org.testcontainers.postgresql.PostgreSQLContainer;

/**
 * The opt-in Docker path ({@code -Dtestkit.containers=true}): the same resources from Testcontainers.
 * Without a Docker engine it fails with a message that says so; tests that need it are skipped instead.
 */
final class Containers {

    private static KafkaContainer kafka;
    private static PostgreSQLContainer postgres;

    private Containers() {
    }

    static boolean requested() {
        return Boolean.getBoolean("testkit.containers");
    }

    static boolean dockerAvailable() {
        try {
            return DockerClientFactory.instance().isDockerAvailable();
        } catch (RuntimeException | NoClassDefFoundError e) {
            return false;
        }
    }

    static synchronized String kafka() {
        requireDocker();
        if (kafka == null) {
            kafka = new KafkaContainer("apache/kafka:4.1.2");
            kafka.start();
        }
        return kafka.getBootstrapServers();
    }

    static synchronized PostgresDatabase.Server postgres() {
        requireDocker();
        if (postgres == null) {
            postgres = new PostgreSQLContainer("postgres:16-alpine");
            postgres.start();
        }
        return new PostgresDatabase.Server(postgres.getJdbcUrl(), postgres.getUsername(), postgres.getPassword());
    }

    private static void requireDocker() {
        if (!dockerAvailable()) {
            throw new IllegalStateException("-Dtestkit.containers=true needs a running Docker engine; none answers here. "
                    + "Run without it to use the in-JVM Kafka and the local or embedded PostgreSQL.");
        }
    }
}
