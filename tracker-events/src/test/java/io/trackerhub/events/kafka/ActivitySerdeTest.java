package io.trackerhub.events.kafka;

import io.trackerhub.events.TrackerFormatException;
import io.trackerhub.events.activity.Activities;
import io.trackerhub.events.activity.Activity;
import io.trackerhub.testkit.Fixtures;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ActivitySerdeTest {

    private final ActivitySerializer serializer = new ActivitySerializer();
    private final ActivityDeserializer deserializer = new ActivityDeserializer();

    @Test
    void serializerAndDeserializerRoundTripEveryRecordedActivity() {
        for (var file : Fixtures.list("webhook-v5", ".json")) {
            Activity activity = Activities.parse(Fixtures.read("webhook-v5/" + file.getFileName()));

            byte[] bytes = serializer.serialize(Topics.ACTIVITY, activity);

            assertThat(deserializer.deserialize(Topics.ACTIVITY, bytes)).isEqualTo(activity);
        }
    }

    @Test
    void nullIsATombstoneBothWays() {
        assertThat(serializer.serialize(Topics.ACTIVITY, null)).isNull();
        assertThat(deserializer.deserialize(Topics.ACTIVITY, null)).isNull();
    }

    @Test
    void aValueThatIsNotAnActivityFailsWithTheReason() {
        assertThatThrownBy(() -> deserializer.deserialize(Topics.ACTIVITY, "{\"kind\":\"x\"}".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(TrackerFormatException.class).hasMessage("guid is missing (or give both project.id and project_version)");
    }

    @Test
    void activityRecordPairsTheActivityWithItsHeaders() {
        Activity activity = Activities.parse(Fixtures.read("webhook-v5/zulip_v5_rejected.json"));
        TrackerRecord written = TrackerRecord.activity(activity, Origin.WEBHOOK, 3);
        ConsumerRecord<String, byte[]> consumed = new ConsumerRecord<>(written.topic(), 0, 0L, written.key(), written.value());
        written.toProducerRecord().headers().forEach(h -> consumed.headers().add(h));

        ActivityRecord record = ActivityRecord.from(consumed);

        assertThat(record.id()).isEqualTo("807213_73");
        assertThat(record.activity()).isEqualTo(activity);
        assertThat(record.meta().origin()).isEqualTo(Origin.WEBHOOK);
        assertThat(record.meta().integrationId()).isEqualTo(3L);
    }
}
