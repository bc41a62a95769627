package io.trackerhub.connector.writeback;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.common.annotation.Blocking;
import io.trackerhub.events.TrackerFormatException;
import io.trackerhub.events.kafka.ActivityRecord;
import io.trackerhub.kit.kafka.Retrying;
import io.trackerhub.kit.kafka.TrackerMessages;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletionStage;

/**
 * Consumes {@code tracker.activity} in order, one record at a time (only linked stories cause work, so the rate is
 * low). A record that is not an activity goes to {@code hub.deadletter}; anything else is applied ({@link WriteBacks})
 * and acknowledged only after its transaction committed; while the database is down the same record is tried again
 * (service-kit's {@link Retrying}), so nothing behind it overtakes it.
 */
@ApplicationScoped
public class ActivityConsumer {

    static final String CHANNEL = "tracker-activity";
    private static final Logger LOG = Logger.getLogger(ActivityConsumer.class);

    private final WriteBacks writeBacks;
    private final Map<WriteBacks.Outcome, Counter> outcomes = new EnumMap<>(WriteBacks.Outcome.class);
    private final Counter deadLettered;

    public ActivityConsumer(WriteBacks writeBacks, MeterRegistry registry) {
        this.writeBacks = writeBacks;
        for (WriteBacks.Outcome outcome : WriteBacks.Outcome.values()) {
            outcomes.put(outcome, counter(registry, outcome.name().toLowerCase(Locale.ROOT)));
        }
        this.deadLettered = counter(registry, "dead_letter");
    }

    private static Counter counter(MeterRegistry registry, String outcome) {
        return Counter.builder("hub.connector.activities").tag("outcome", outcome)
                .description("Activities consumed: queued write-backs, unlinked, nothing to write, duplicate, dead letter").register(registry);
    }


    @Incoming(CHANNEL)
    @Blocking
    public CompletionStage<Void> on(Message<byte[]> message) {
        ActivityRecord event;
        try {
            event = TrackerMessages.activity(message);
        } catch (TrackerFormatException e) {
            deadLettered.increment();
            LOG.warnf("record with key %s is not an activity, sent to the dead-letter topic: %s", TrackerMessages.key(message), e.getMessage());
            return TrackerMessages.deadLetter(message, e);
        }
        return Retrying.untilCommitted("activity " + event.id(), message, () -> writeBacks.apply(event), outcome -> {
                    outcomes.get(outcome).increment();
                    return message.ack();
                });
    }
}
