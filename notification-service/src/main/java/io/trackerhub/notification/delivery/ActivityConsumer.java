package io.trackerhub.notification.delivery;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.common.annotation.Blocking;
import io.smallrye.reactive.messaging.kafka.KafkaRecordBatch;
import io.trackerhub.events.kafka.ActivityRecord;
import io.trackerhub.kit.kafka.ConsumedBatch;
import io.trackerhub.kit.kafka.TrackerMessages;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletionStage;

/**
 * Consumes {@code tracker.activity} a poll at a time (up to {@code max.poll.records}), applying the whole poll in one
 * transaction ({@link Notifications#applyAll}) and acknowledging it only after that committed. A record that is not
 * an activity goes to {@code hub.deadletter} (SmallRye's dead-letter queue, with the hub's {@code hub-error}
 * headers). While the database is down the same poll is tried again, with back-off, so nothing behind it overtakes
 * it and nothing is lost.
 */
@ApplicationScoped
public class ActivityConsumer {

    static final String CHANNEL = "tracker-activity";

    private final Notifications notifications;
    private final Map<Notifications.Outcome, Counter> outcomes = new EnumMap<>(Notifications.Outcome.class);
    private final Counter deadLettered;

    public ActivityConsumer(Notifications notifications, MeterRegistry registry) {
        this.notifications = notifications;
        for (Notifications.Outcome outcome : Notifications.Outcome.values()) {
            outcomes.put(outcome, counter(registry, outcome.name().toLowerCase(Locale.ROOT)));
        }
        this.deadLettered = counter(registry, "dead_letter");
    }

    private static Counter counter(MeterRegistry registry, String outcome) {
        return Counter.builder("hub.notification.activities").tag("outcome", outcome)
                .description("Activities consumed: queued for at least one channel, unmatched, duplicate, dead letter").register(registry);
    }


    @Incoming(CHANNEL)
    @Blocking
    public CompletionStage<Void> on(KafkaRecordBatch<String, byte[]> records) {
        ConsumedBatch<ActivityRecord> batch = ConsumedBatch.of(records, TrackerMessages::activity);
        deadLettered.increment(batch.deadLettered());
        String what = batch.items().size() + " activities";
        return batch.apply(what, notifications::applyAll, counts -> counts.forEach((outcome, n) -> outcomes.get(outcome).increment(n)));
    }
}
