package io.trackerhub.connector.writeback;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.common.annotation.Blocking;
import io.trackerhub.events.kafka.ActivityRecord;
import io.trackerhub.kit.kafka.TrackerConsumer;
import io.trackerhub.kit.kafka.TrackerMessages;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletionStage;

/**
 * Consumes {@code tracker.activity} in order, one record at a time (only linked stories cause work, so the rate is
 * low), with service-kit's {@link TrackerConsumer}: a record that is not an activity goes to {@code hub.deadletter};
 * anything else is applied ({@link WriteBacks}) and acknowledged only after its transaction committed; while the
 * database is down the same record is tried again, so nothing behind it overtakes it.
 */
@ApplicationScoped
public class ActivityConsumer {

    static final String CHANNEL = "tracker-activity";

    private final TrackerConsumer<ActivityRecord, WriteBacks.Outcome> activities;

    public ActivityConsumer(WriteBacks writeBacks, MeterRegistry registry) {
        Map<WriteBacks.Outcome, Counter> outcomes = new EnumMap<>(WriteBacks.Outcome.class);
        for (WriteBacks.Outcome outcome : WriteBacks.Outcome.values()) {
            outcomes.put(outcome, counter(registry, outcome.name().toLowerCase(Locale.ROOT)));
        }
        Counter deadLettered = counter(registry, "dead_letter");
        this.activities = TrackerConsumer.ofRecords(TrackerMessages::activity, event -> "activity " + event.id(), writeBacks::apply)
                .onApplied(outcome -> outcomes.get(outcome).increment())
                .onUnreadable(deadLettered::increment);
    }

    private static Counter counter(MeterRegistry registry, String outcome) {
        return Counter.builder("hub.connector.activities").tag("outcome", outcome)
                .description("Activities consumed: queued write-backs, unlinked, nothing to write, duplicate, dead letter").register(registry);
    }


    @Incoming(CHANNEL)
    @Blocking
    public CompletionStage<Void> on(Message<byte[]> message) {
        return activities.consume(message);
    }
}
