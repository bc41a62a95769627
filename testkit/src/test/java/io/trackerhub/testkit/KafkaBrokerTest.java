package io.trackerhub.testkit;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class KafkaBrokerTest {

    @Test
    void recordProducedWithCloudEventsHeadersIsConsumedBackWithThem() {
        String topic = KafkaTestClient.uniqueTopic("testkit.activity");
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("ce_specversion", "1.0");
        headers.put("ce_id", "807213_78");
        headers.put("ce_source", "/tracker/projects/807213");
        headers.put("ce_type", "tracker.activity.story_update_activity");
        headers.put("hub-origin", "webhook");
        String value = Fixtures.read("webhook-v5/zulip_v5_started.json");

        try (KafkaTestClient kafka = new KafkaTestClient()) {
            kafka.createTopic(topic, 3);
            kafka.produce(topic, "807213", value, headers);
            List<KafkaTestClient.Received> received = kafka.consume(topic, 1, Duration.ofSeconds(30));

            assertThat(received).singleElement().satisfies(r -> {
                assertThat(r.key()).isEqualTo("807213");
                assertThat(r.value()).isEqualTo(value);
                assertThat(r.headers()).containsExactlyEntriesOf(headers);
            });
        }
    }

    @Test
    void recordsWithTheSameKeyKeepTheirOrder() {
        String topic = KafkaTestClient.uniqueTopic("testkit.order");
        try (KafkaTestClient kafka = new KafkaTestClient()) {
            kafka.createTopic(topic, 6);
            for (int version = 1; version <= 20; version++) {
                kafka.produce(topic, "99", "v" + version, Map.of());
            }
            List<String> values = kafka.consume(topic, 20, Duration.ofSeconds(30)).stream().map(KafkaTestClient.Received::value).toList();
            assertThat(values).containsExactly(java.util.stream.IntStream.rangeClosed(1, 20).mapToObj(i -> "v" + i).toArray(String[]::new));
        }
    }
}
