package io.trackerhub.notification.delivery;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.smallrye.common.annotation.Blocking;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import io.trackerhub.events.TrackerFormatException;
import io.trackerhub.events.kafka.ActivityRecord;
import io.trackerhub.events.kafka.CloudEventHeaders;
import io.trackerhub.events.kafka.Topics;
import io.trackerhub.events.kafka.TrackerRecord;
import io.trackerhub.kit.kafka.TrackerMessages;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.Metadata;
import org.jboss.logging.Logger;

import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Consumes {@code tracker.activity} in order, one record at a time. A record that is not an activity goes to
 * {@code hub.deadletter} (SmallRye's dead-letter queue, with the hub's {@code hub-error} headers). Anything else is
 * applied ({@link Notifications}) and acknowledged only after its transaction committed; while the database is down
 * the same record is tried again, with back-off, so nothing behind it overtakes it and nothing is lost.
 */
@ApplicationScoped
public class ActivityConsumer {

    static final String CHANNEL = "tracker-activity";
    private static final Logger LOG = Logger.getLogger(ActivityConsumer.class);

    private final Notifications notifications;
    private final Map<Notifications.Outcome, Counter> outcomes = new EnumMap<>(Notifications.Outcome.class);
    private final Counter deadLettered;
    private volatile boolean stopping;

    public ActivityConsumer(Notifications notifications, MeterRegistry registry) {
        this.notifications = notifications;
        for (Notifications.Outcome outcome : Notifications.Outcome.values()) {
            outcomes.put(outcome, counter(registry, outcome.name().toLowerCase(java.util.Locale.ROOT)));
        }
        this.deadLettered = counter(registry, "dead_letter");
    }

    private static Counter counter(MeterRegistry registry, String outcome) {
        return Counter.builder("hub.notification.activities").tag("outcome", outcome)
                .description("Activities consumed: queued for at least one channel, unmatched, duplicate, dead letter").register(registry);
    }

    void stopping(@Observes ShutdownEvent event) {
        stopping = true;
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
            return message.nack(e, Metadata.of(deadLetterHeaders(message, e)));
        }
        long wait = 100;
        while (true) {
            try {
                outcomes.get(notifications.apply(event)).increment();
                return message.ack();
            } catch (RuntimeException e) {
                if (stopping) {
                    // left unacknowledged: the record is consumed again after the restart
                    return new CompletableFuture<>();
                }
                LOG.warnf("activity %s not applied, trying again in %d ms: %s", event.id(), wait, e.getMessage());
                sleep(wait);
                wait = Math.min(wait * 2, 5_000);
            }
        }
    }

    private static OutgoingKafkaRecordMetadata<String> deadLetterHeaders(Message<byte[]> message, Exception e) {
        // the dead-letter queue copies key, value and headers; these add the hub's reason headers
        Map<String, String> reason = TrackerRecord.deadLetter(Topics.ACTIVITY, TrackerMessages.key(message), message.getPayload(),
                Map.of(), e.getMessage(), 1).headers();
        return OutgoingKafkaRecordMetadata.<String>builder().withHeaders(CloudEventHeaders.toHeaders(reason)).build();
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
