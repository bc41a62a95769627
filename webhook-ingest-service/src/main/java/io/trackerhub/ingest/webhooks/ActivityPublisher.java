package io.trackerhub.ingest.webhooks;

import io.smallrye.common.annotation.Identifier;
import io.trackerhub.events.kafka.TrackerRecord;
import io.trackerhub.kit.errors.Problem;
import io.trackerhub.kit.errors.ProblemException;
import io.trackerhub.kit.kafka.TrackerProducer;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Semaphore;

/**
 * Writes records to Kafka and says when the broker has them: the returned stage completes only after an
 * {@code acks=all} acknowledgement from the idempotent producer (service-kit's {@link TrackerProducer}), and fails with
 * a 503 problem when the broker does not acknowledge within {@code hub.ingest.ack-timeout} or when
 * {@code hub.ingest.max-in-flight} sends are already waiting (overload answers 503, it does not queue without bound).
 */
@ApplicationScoped
public class ActivityPublisher {

    private static final Logger LOG = Logger.getLogger(ActivityPublisher.class);
    private static final Duration RETRY_AFTER = Duration.ofSeconds(5);

    private final TrackerProducer producer;
    private final Semaphore inFlight;
    private final Duration ackTimeout;

    public ActivityPublisher(@Identifier("default-kafka-broker") Map<String, Object> kafka,
                             @ConfigProperty(name = "hub.ingest.ack-timeout", defaultValue = "PT5S") Duration ackTimeout,
                             @ConfigProperty(name = "hub.ingest.max-in-flight", defaultValue = "4096") int maxInFlight) {
        this.ackTimeout = ackTimeout;
        this.inFlight = new Semaphore(maxInFlight);
        this.producer = TrackerProducer.create(kafka, ackTimeout, "webhook-ingest");
    }

    /**
     * Sends {@code record}; the stage completes once the broker acknowledged it. Called on an event loop, the send
     * happens right there once the topic's partitions are known and the outcome comes back on the caller's context.
     */
    public CompletionStage<Void> publish(TrackerRecord record) {
        if (!inFlight.tryAcquire()) {
            return CompletableFuture.failedFuture(ProblemException.unavailable(
                    "too many web hooks are waiting for Kafka; try again shortly", Duration.ofSeconds(1)));
        }
        return producer.send(record, failure -> answer(record, failure)).whenComplete((ok, error) -> inFlight.release());
    }

    private ProblemException answer(TrackerRecord record, TrackerProducer.NotAcknowledged failure) {
        if (failure.why() == TrackerProducer.NotAcknowledged.Why.TOO_LARGE) {
            // the body, within the HTTP limit, became a record over Kafka's: no retry will store it
            return new ProblemException(Problem.of(413, "Content Too Large",
                    "the activity is too large to be stored (Kafka takes records up to 1 MB); it was not stored"));
        }
        String why = failure.why() == TrackerProducer.NotAcknowledged.Why.TIMED_OUT ? "did not acknowledge within " + ackTimeout.toSeconds() + " s"
                : "refused the record (" + (failure.getCause() == null ? failure : failure.getCause()).getClass().getSimpleName() + ")";
        LOG.warnf("Kafka %s: %s %s not stored", why, record.topic(), record.headers().get("ce_id"));
        return ProblemException.unavailable("Kafka " + why + "; the activity was not stored, send it again", RETRY_AFTER);
    }

    /** Sends without waiting for the outcome; failures are logged. For records that are an optimisation (gap requests). */
    public void publishInBackground(TrackerRecord record) {
        publish(record).exceptionally(error -> {
            LOG.warnf("could not publish %s %s; the poller's own schedule will cover it", record.topic(), record.headers().get("ce_id"));
            return null;
        });
    }

    @PreDestroy
    void close() {
        // Let what was accepted reach the broker before the process ends.
        producer.close();
    }
}
