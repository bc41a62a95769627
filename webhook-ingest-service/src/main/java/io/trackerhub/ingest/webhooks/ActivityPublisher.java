package io.trackerhub.ingest.webhooks;

import io.smallrye.common.annotation.Identifier;
import io.trackerhub.events.kafka.TrackerRecord;
import io.trackerhub.kit.errors.Problem;
import io.trackerhub.kit.errors.ProblemException;
import io.trackerhub.kit.kafka.ProducerSettings;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.time.Duration;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Writes records to Kafka and says when the broker has them: the returned stage completes only after an
 * {@code acks=all} acknowledgement from the idempotent producer, and fails with a 503 problem when the broker
 * does not acknowledge within {@code hub.ingest.ack-timeout} or when {@code hub.ingest.max-in-flight} sends are
 * already waiting (overload answers 503, it does not queue without bound).
 */
@ApplicationScoped
public class ActivityPublisher {

    private static final Logger LOG = Logger.getLogger(ActivityPublisher.class);
    private static final Duration RETRY_AFTER = Duration.ofSeconds(5);

    private final KafkaProducer<String, byte[]> producer;
    private final Semaphore inFlight;
    private final Duration ackTimeout;
    private final Set<String> knownTopics = ConcurrentHashMap.newKeySet();

    public ActivityPublisher(@Identifier("default-kafka-broker") Map<String, Object> kafka,
                             @ConfigProperty(name = "hub.ingest.ack-timeout", defaultValue = "PT5S") Duration ackTimeout,
                             @ConfigProperty(name = "hub.ingest.max-in-flight", defaultValue = "4096") int maxInFlight) {
        this.ackTimeout = ackTimeout;
        this.inFlight = new Semaphore(maxInFlight);
        this.producer = new KafkaProducer<>(ProducerSettings.acknowledged(kafka, ackTimeout, "webhook-ingest"), new StringSerializer(), new ByteArraySerializer());
    }

    /**
     * Sends {@code record}; the stage completes once the broker acknowledged it. Called on an event loop, the send
     * happens right there when the topic's partitions are known (then {@code send} never blocks), else on a worker,
     * since the producer may wait up to {@code max.block.ms} for metadata. The outcome is delivered back on the
     * caller's Vert.x context, so that nothing but the ack itself runs on the producer's single I/O thread.
     */
    public CompletionStage<Void> publish(TrackerRecord record) {
        if (!inFlight.tryAcquire()) {
            return CompletableFuture.failedFuture(ProblemException.unavailable(
                    "too many web hooks are waiting for Kafka; try again shortly", Duration.ofSeconds(1)));
        }
        CompletableFuture<Void> acked = new CompletableFuture<>();
        Context caller = Vertx.currentContext();
        Runnable send = () -> {
            try {
                producer.send(record.toProducerRecord(), (metadata, error) -> {
                    if (error == null) {
                        knownTopics.add(record.topic());
                    }
                    if (caller == null) {
                        settle(acked, error);
                    } else {
                        caller.runOnContext(ignored -> settle(acked, error));
                    }
                });
            } catch (RuntimeException e) {
                acked.completeExceptionally(e);
            }
        };
        if (knownTopics.contains(record.topic()) || !Context.isOnEventLoopThread()) {
            send.run();
        } else {
            Infrastructure.getDefaultWorkerPool().execute(send);
        }
        return acked.orTimeout(ackTimeout.toMillis(), TimeUnit.MILLISECONDS)
                .whenComplete((ok, error) -> inFlight.release())
                .exceptionallyCompose(error -> {
                    Throwable cause = error instanceof java.util.concurrent.CompletionException && error.getCause() != null ? error.getCause() : error;
                    if (cause instanceof RecordTooLargeException) {
                        // the body, within the HTTP limit, became a record over Kafka's: no retry will store it
                        return CompletableFuture.failedFuture(new ProblemException(Problem.of(413, "Content Too Large",
                                "the activity is too large to be stored (Kafka takes records up to 1 MB); it was not stored")));
                    }
                    String why = cause instanceof TimeoutException ? "did not acknowledge within " + ackTimeout.toSeconds() + " s"
                            : "refused the record (" + cause.getClass().getSimpleName() + ")";
                    LOG.warnf("Kafka %s: %s %s not stored", why, record.topic(), record.headers().get("ce_id"));
                    return CompletableFuture.failedFuture(ProblemException.unavailable(
                            "Kafka " + why + "; the activity was not stored, send it again", RETRY_AFTER));
                });
    }

    private static void settle(CompletableFuture<Void> acked, Exception error) {
        if (error == null) {
            acked.complete(null);
        } else {
            acked.completeExceptionally(error);
        }
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
        producer.close(Duration.ofSeconds(10));
    }
}
