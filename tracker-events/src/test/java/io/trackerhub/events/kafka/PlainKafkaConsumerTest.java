package io.trackerhub.events.kafka;

import io.trackerhub.events.activity.Activities;
import io.trackerhub.events.activity.Activity;
import io.trackerhub.testkit.Fixtures;
import io.trackerhub.testkit.KafkaBroker;
import io.trackerhub.testkit.KafkaTestClient;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** What the README shows a downstream team: plain Kafka clients, a real broker, the records the hub writes. */
class PlainKafkaConsumerTest {

    @Test
    void aPlainConsumerReadsActivityWithItsCloudEventHeaders() throws Exception {
        String bootstrap = KafkaBroker.bootstrapServers();
        String topic = KafkaTestClient.uniqueTopic("activity");
        try (KafkaTestClient client = new KafkaTestClient(bootstrap)) {
            client.createTopic(topic, Topics.defaultPartitions(Topics.ACTIVITY));
        }
        Activity activity = Activities.parse(Fixtures.read("webhook-v5/zulip_v5_delivered.json"));
        TrackerRecord written = TrackerRecord.activity(activity, Origin.WEBHOOK, 9);

        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true), new StringSerializer(), new ByteArraySerializer())) {
            ProducerRecord<String, byte[]> record = written.toProducerRecord();
            producer.send(new ProducerRecord<>(topic, null, record.key(), record.value(), record.headers())).get();
        }

        List<ActivityRecord> received = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.GROUP_ID_CONFIG, "test-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"), new StringDeserializer(), new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(topic));
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (received.isEmpty() && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    assertThat(record.key()).isEqualTo("807213");
                    received.add(ActivityRecord.from(record));
                }
            }
        }

        assertThat(received).hasSize(1);
        ActivityRecord event = received.get(0);
        assertThat(event.id()).isEqualTo("807213_64");
        assertThat(event.meta().type()).isEqualTo("tracker.activity.story_update_activity");
        assertThat(event.meta().source()).isEqualTo("/tracker/projects/807213");
        assertThat(event.meta().integrationId()).isEqualTo(9L);
        assertThat(event.activity()).isEqualTo(activity);
        assertThat(event.activity().changesOf("story").get(0).newValue("current_state")).hasValueSatisfying(
                state -> assertThat(state.asText()).isEqualTo("delivered"));
    }
}
