package io.trackerhub.notification.delivery;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.common.annotation.Blocking;
import io.smallrye.reactive.messaging.kafka.KafkaRecordBatch;
import io.trackerhub.events.kafka.ActivityRecord;
import io.trackerhub.kit.kafka.TrackerConsumer;
import io.trackerhub.kit.kafka.TrackerMessages;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletionStage;

/**
 * Consumes {@code tracker.activity} a poll at a time (up to {@code max.poll.records}) with service-kit's
 * {@link TrackerConsumer}, applying the whole poll in one transaction ({@link Notifications#applyAll}) and acknowledging it only after that committed. A record that is not
 * an activity goes to {@code hub.deadletter} (SmallRye's dead-letter queue, with the hub's {@code hub-error}
 * headers). While the database is down the same poll is tried again, with back-off, so nothing behind it overtakes
 * it and nothing is lost.
 */
@ApplicationScoped
public class ActivityConsumer {

    static final String CHANNEL = "tracker-activity";

    private final TrackerConsumer<ActivityRecord, Map<Notifications.Outcome, Integer>> activities;

    public ActivityConsumer(Notifications notifications, MeterRegistry registry) {
        Map<Notifications.Outcome, Counter> outcomes = new EnumMap<>(Notifications.Outcome.class);
        for (Notifications.Outcome outcome : Notifications.Outcome.values()) {
            outcomes.put(outcome, counter(registry, outcome.name().toLowerCase(Locale.ROOT)));
        }
        Counter deadLettered = counter(registry, "dead_letter");
        this.activities = TrackerConsumer.ofPolls(TrackerMessages::activity, items -> items.size() + " activities", notifications::applyAll)
                .onApplied(counts -> counts.forEach((outcome, n) -> outcomes.get(outcome).increment(n)))
                .onUnreadable(deadLettered::increment);
    }

    private static Counter counter(MeterRegistry registry, String outcome) {
        return Counter.builder("hub.notification.activities").tag("outcome", outcome)
                .description("Activities consumed: queued for at least one channel, unmatched, duplicate, dead letter").register(registry);
    }


    @Incoming(CHANNEL)
    @Blocking
    public CompletionStage<Void> on(KafkaRecordBatch<String, byte[]> records) {
        return activities.consume(records);
    }
}
