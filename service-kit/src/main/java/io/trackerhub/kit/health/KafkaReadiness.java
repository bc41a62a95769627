package io.trackerhub.kit.health;

import io.quarkus.arc.properties.IfBuildProperty;
import io.smallrye.common.annotation.Identifier;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.common.Node;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * Ready only while a Kafka broker answers, and the answer comes within {@code hub.kafka.readiness-timeout}
 * (default 3 s): Kubernetes probes time out after seconds, and Quarkus's own Kafka check waits for the client's
 * default API timeout (60 s) when the broker is gone. Turned on per service with {@code hub.kafka.readiness=true}.
 */
@Readiness
@ApplicationScoped
@IfBuildProperty(name = "hub.kafka.readiness", stringValue = "true")
public class KafkaReadiness implements HealthCheck {

    static final String NAME = "Kafka broker";

    private final Map<String, Object> config;
    private final Duration timeout;
    private Admin admin;

    public KafkaReadiness(@Identifier("default-kafka-broker") Map<String, Object> kafka,
                          @ConfigProperty(name = "hub.kafka.readiness-timeout", defaultValue = "PT3S") Duration timeout) {
        this.timeout = timeout;
        this.config = new HashMap<>();
        kafka.forEach((key, value) -> {
            if (AdminClientConfig.configNames().contains(key)) {
                config.put(key, value);
            }
        });
        config.put(AdminClientConfig.CLIENT_ID_CONFIG, "readiness");
        config.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) timeout.toMillis());
        config.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) timeout.toMillis());
    }

    @Override
    public HealthCheckResponse call() {
        try {
            Collection<Node> nodes = admin().describeCluster(new DescribeClusterOptions().timeoutMs((int) timeout.toMillis()))
                    .nodes().get(timeout.toMillis() + 500, TimeUnit.MILLISECONDS);
            return HealthCheckResponse.named(NAME).up()
                    .withData("nodes", nodes.stream().map(n -> n.host() + ":" + n.port()).collect(Collectors.joining(",")))
                    .build();
        } catch (Exception e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            return HealthCheckResponse.named(NAME).down()
                    .withData("reason", "no broker answered within " + timeout.toMillis() + " ms at " + config.get(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG))
                    .build();
        }
    }

    private synchronized Admin admin() {
        if (admin == null) {
            admin = Admin.create(config);
        }
        return admin;
    }

    @PreDestroy
    synchronized void close() {
        if (admin != null) {
            admin.close(Duration.ofSeconds(2));
        }
    }
}
