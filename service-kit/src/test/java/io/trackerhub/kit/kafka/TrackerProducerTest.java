package io.trackerhub.kit.kafka;

import io.trackerhub.events.kafka.TrackerRecord;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.CompletionException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A producer whose broker never answers: what the caller gets is its own answer, named by why. */
class TrackerProducerTest {

    static class Unavailable extends RuntimeException {
        Unavailable(TrackerProducer.NotAcknowledged failure) {
            super(failure.why() + ": " + failure.getMessage(), failure);
        }
    }

    private final TrackerRecord record = TrackerRecord.syncRequest(42, "force", Instant.parse("2026-12-07T23:00:00Z"));

    @Test
    void aRecordTheBrokerNeverAcknowledgesBecomesTheCallersAnswer() {
        try (TrackerProducer producer = TrackerProducer.create(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, "127.0.0.1:1"),
                Duration.ofSeconds(1), "kit-test-unavailable")) {
            assertThatThrownBy(() -> producer.sendAndWait(record, Unavailable::new))
                    .isInstanceOf(Unavailable.class).hasMessageStartingWith("REFUSED: Kafka refused a record");

            assertThatThrownBy(() -> producer.send(record, Unavailable::new).join())
                    .isInstanceOf(CompletionException.class).cause().isInstanceOf(Unavailable.class);

            TrackerProducer.Batch batch = producer.batch();
            batch.send(record);
            batch.send(record);
            assertThat(batch.size()).isEqualTo(2);
            assertThatThrownBy(() -> batch.awaitAcknowledged(Unavailable::new)).isInstanceOf(Unavailable.class);
        }
    }
}
