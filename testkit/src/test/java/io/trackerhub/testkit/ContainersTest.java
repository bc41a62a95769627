package io.trackerhub.testkit;

import org.junit.jupiter.api.Test;
import org.testcontainers.junit.jupiter.Testcontainers;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The opt-in Docker path: skipped where no Docker engine runs (as on CI and these machines). */
@Testcontainers(disabledWithoutDocker = true)
class ContainersTest {

    @Test
    void containersGiveTheSameResources() throws Exception {
        try (KafkaTestClient kafka = new KafkaTestClient(Containers.kafka())) {
            String topic = KafkaTestClient.uniqueTopic("testkit.containers");
            kafka.produce(topic, "1", "hello", Map.of("ce_id", "1_1"));
            assertThat(kafka.consume(topic, 1, Duration.ofSeconds(60)).get(0).header("ce_id")).isEqualTo("1_1");
        }
        try (Connection c = Containers.postgres().connect(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery("select 41 + 1")) {
            rs.next();
            assertThat(rs.getInt(1)).isEqualTo(42);
        }
    }
}
