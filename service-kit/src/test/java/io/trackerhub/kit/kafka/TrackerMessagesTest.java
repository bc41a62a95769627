package io.trackerhub.kit.kafka;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.common.annotation.Identifier;
import io.trackerhub.events.activity.Activities;
import io.trackerhub.events.activity.Activity;
import io.trackerhub.events.kafka.ActivityRecord;
import io.trackerhub.events.kafka.CloudEventHeaders;
import io.trackerhub.events.kafka.Origin;
import io.trackerhub.events.kafka.TrackerRecord;
import io.trackerhub.testkit.Fixtures;
import io.trackerhub.testkit.KafkaBroker;
import io.trackerhub.testkit.KafkaTestClient;
import io.trackerhub.testkit.PostgresDatabase;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

@QuarkusTest
@WithTestResource(KafkaBroker.class)
@WithTestResource(PostgresDatabase.class)
class TrackerMessagesTest {

    /** Collects what the incoming test channel receives, as a service's handler would read it. */
    @ApplicationScoped
    static class Received {
        final List<ActivityRecord> activities = new CopyOnWriteArrayList<>();
        final List<String> keys = new CopyOnWriteArrayList<>();

        // a record-at-a-time consumer as the services write one (the channel has no dead-letter queue: all are readable)
        final TrackerConsumer<ActivityRecord, ActivityRecord> consumer = TrackerConsumer.ofRecords(message -> {
            keys.add(TrackerMessages.key(message));
            return TrackerMessages.activity(message);
        }, event -> "activity " + event.id(), event -> event).onApplied(activities::add);

        @Incoming("kit-test-in")
        CompletionStage<Void> on(Message<byte[]> message) {
            return consumer.consume(message);
        }

        // Read through methods: a field read on the injected client proxy would see the proxy's own empty list.
        List<ActivityRecord> activities() {
            return activities;
        }

        List<String> keys() {
            return keys;
        }
    }

    @Inject
    @Identifier("default-kafka-broker")
    Map<String, Object> kafka;
    @Inject
    Received received;
    @ConfigProperty(name = "mp.messaging.incoming.kit-test-in.topic")
    String incomingTopic;

    private final Activity started = Activities.parse(Fixtures.read("webhook-v5/zulip_v5_started.json"));

    @Test
    void producedRecordCarriesTheContractKeyAndHeadersExactlyOnceAcknowledged() {
        TrackerRecord contract = TrackerRecord.activity(started, Origin.WEBHOOK, 7);
        String topic = KafkaTestClient.uniqueTopic("kit-test.activity");
        TrackerRecord record = new TrackerRecord(topic, contract.key(), contract.value(), contract.headers());

        try (TrackerProducer producer = TrackerProducer.create(this.kafka, Duration.ofSeconds(10), "kit-test")) {
            producer.sendAndWait(record, failure -> failure);
        }

        try (KafkaTestClient kafka = new KafkaTestClient()) {
            KafkaTestClient.Received r = kafka.consume(topic, 1, Duration.ofSeconds(30)).get(0);
            assertThat(r.key()).isEqualTo("807213");
            assertThat(r.headers()).containsExactlyEntriesOf(contract.headers());
            assertThat(r.header(CloudEventHeaders.ID)).isEqualTo("807213_78");
            assertThat(r.header(CloudEventHeaders.TYPE)).isEqualTo("tracker.activity.story_update_activity");
            assertThat(r.header(CloudEventHeaders.HUB_ORIGIN)).isEqualTo("webhook");
            assertThat(Activities.parseJson(r.value())).isEqualTo(started);
        }
    }

    @Test
    void consumedMessageGivesTheActivityAndItsHeaders() {
        long integrationId = 1 + new java.util.Random().nextInt(1_000_000_000);
        TrackerRecord record = TrackerRecord.activity(started, Origin.POLL, integrationId);
        try (KafkaTestClient kafka = new KafkaTestClient()) {
            kafka.produce(incomingTopic, record.key(), new String(record.value(), java.nio.charset.StandardCharsets.UTF_8), record.headers());
        }

        await().atMost(Duration.ofSeconds(30)).until(() -> received.activities().stream().anyMatch(a -> a.meta().integrationId() == integrationId));
        ActivityRecord event = received.activities().stream().filter(a -> a.meta().integrationId() == integrationId).findFirst().orElseThrow();
        assertThat(event.id()).isEqualTo("807213_78");
        assertThat(event.meta().origin()).isEqualTo(Origin.POLL);
        assertThat(event.meta().type()).isEqualTo("tracker.activity.story_update_activity");
        assertThat(event.activity()).isEqualTo(started);
        assertThat(received.keys()).contains("807213");
    }
}
