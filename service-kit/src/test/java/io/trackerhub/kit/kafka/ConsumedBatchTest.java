package io.trackerhub.kit.kafka;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.reactive.messaging.kafka.KafkaRecordBatch;
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
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

@QuarkusTest
@WithTestResource(KafkaBroker.class)
@WithTestResource(PostgresDatabase.class)
class ConsumedBatchTest {

    /** A batch consumer as the services write one: parse the poll, apply the activities, acknowledge. */
    @ApplicationScoped
    static class BatchReceiver {
        final List<ActivityRecord> applied = new CopyOnWriteArrayList<>();

        @Incoming("kit-test-batch")
        CompletionStage<Void> on(KafkaRecordBatch<String, byte[]> records) {
            ConsumedBatch<ActivityRecord> batch = ConsumedBatch.of(records, TrackerMessages::activity);
            applied.addAll(batch.items());
            return batch.ack();
        }

        List<ActivityRecord> applied() {
            return applied;
        }
    }

    @Inject
    BatchReceiver receiver;

    private final Activity started = Activities.parse(Fixtures.read("webhook-v5/zulip_v5_started.json"));

    @Test
    void unreadableRecordIsDeadLetteredAloneAndTheRestOfThePollIsApplied() {
        long integration = 1 + new Random().nextInt(1_000_000_000);
        TrackerRecord good = TrackerRecord.activity(started, Origin.WEBHOOK, integration);
        try (KafkaTestClient kafka = new KafkaTestClient()) {
            for (int i = 0; i < 3; i++) {
                kafka.produce("kit-test.batch", good.key(), utf8(good.value()), good.headers());
            }
            kafka.produce("kit-test.batch", "807213", "{\"kind\": \"story_update_activ", Map.of("hub-integration", Long.toString(integration)));
            kafka.produce("kit-test.batch", good.key(), utf8(good.value()), good.headers());

            await().atMost(Duration.ofSeconds(30)).until(() -> receiver.applied().stream()
                    .filter(a -> a.meta().integrationId() == integration).count() == 4);
            List<KafkaTestClient.Received> dead = await().atMost(Duration.ofSeconds(30)).until(() -> kafka
                    .consumeAll("kit-test.batch-deadletter", Duration.ofSeconds(5)).stream()
                    .filter(r -> Long.toString(integration).equals(r.header("hub-integration"))).toList(), list -> !list.isEmpty());
            assertThat(dead).hasSize(1);
            assertThat(dead.get(0).value()).isEqualTo("{\"kind\": \"story_update_activ");
            assertThat(dead.get(0).key()).isEqualTo("807213");
            assertThat(dead.get(0).header(CloudEventHeaders.HUB_SOURCE_TOPIC)).isEqualTo("kit-test.batch");
            assertThat(dead.get(0).header(CloudEventHeaders.HUB_ERROR)).isNotBlank();
        }
        assertThat(receiver.applied().stream().filter(a -> a.meta().integrationId() == integration))
                .allSatisfy(a -> assertThat(a.activity()).isEqualTo(started));
    }

    private static String utf8(byte[] value) {
        return new String(value, StandardCharsets.UTF_8);
    }
}
