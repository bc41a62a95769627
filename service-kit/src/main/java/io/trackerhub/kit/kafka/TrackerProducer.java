package io.trackerhub.kit.kafka;

import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.trackerhub.events.kafka.TrackerRecord;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;

/**
 * Writes {@link TrackerRecord}s — topic, key, value and headers exactly as the contract has them — and says when the
 * broker has them: every send waits for an {@code acks=all} acknowledgement of the idempotent producer
 * ({@link ProducerSettings#acknowledged}) for at most {@code ackTimeout}, and a record that was not acknowledged becomes
 * the caller's answer (a 503 problem, an exception that keeps a cursor where it was). A service makes one in its
 * bean's constructor and closes it in its {@code @PreDestroy}, which lets what was accepted reach the broker first:
 * <pre>
 * producer = TrackerProducer.create(kafka, ackTimeout, "timesheet-sync");
 * producer.sendAndWait(record, failure -&gt; ProblemException.unavailable("Kafka did not take …", Duration.ofSeconds(5)));
 * </pre>
 * Nothing is added per send but the producer's callback: no lock, no thread hop. Called on a Vert.x event loop, a record
 * is sent right there once its topic's partitions are known (then {@code send} never blocks), the first one of a topic
 * on a worker (the producer may wait up to {@code max.block.ms} for metadata); the outcome is handed back on the
 * caller's context, so that nothing but the ack runs on the producer's single I/O thread.
 */
public final class TrackerProducer implements AutoCloseable {

    /** Why a record was not acknowledged; {@link #getCause()} is what the producer said, if it said anything. */
    public static final class NotAcknowledged extends RuntimeException {

        public enum Why { TIMED_OUT, TOO_LARGE, REFUSED, INTERRUPTED }

        private final Why why;

        NotAcknowledged(Why why, String message, Throwable cause) {
            super(message, cause);
            this.why = why;
        }

        public Why why() {
            return why;
        }
    }

    private static final Duration CLOSE_WAIT = Duration.ofSeconds(10);

    private final KafkaProducer<String, byte[]> producer;
    private final Duration ackTimeout;
    private final Set<String> knownTopics = ConcurrentHashMap.newKeySet();

    private TrackerProducer(KafkaProducer<String, byte[]> producer, Duration ackTimeout) {
        this.producer = producer;
        this.ackTimeout = ackTimeout;
    }

    /** A producer with {@link ProducerSettings#acknowledged} over the service's {@code kafka.*} settings. */
    public static TrackerProducer create(Map<String, Object> kafka, Duration ackTimeout, String clientId) {
        return create(kafka, ackTimeout, clientId, Map.of());
    }

    /**
     * As above, with settings of the caller's own on top (e.g. a bulk writer's {@code linger.ms} and compression);
     * {@code acks=all} and idempotence stay whatever {@code overrides} say.
     */
    public static TrackerProducer create(Map<String, Object> kafka, Duration ackTimeout, String clientId, Map<String, Object> overrides) {
        Map<String, Object> config = new HashMap<>(ProducerSettings.acknowledged(kafka, ackTimeout, clientId));
        config.putAll(overrides);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        return new TrackerProducer(new KafkaProducer<>(config, new StringSerializer(), new ByteArraySerializer()), ackTimeout);
    }

    /** Sends {@code record}; the stage completes once the broker acknowledged it, or fails with {@link NotAcknowledged}. */
    public CompletableFuture<Void> send(TrackerRecord record) {
        return acknowledged(record).exceptionallyCompose(error -> CompletableFuture.failedFuture(notAcknowledged(error, "the record")));
    }

    /** As {@link #send(TrackerRecord)}, the failure turned into the caller's answer. */
    public CompletableFuture<Void> send(TrackerRecord record, Function<NotAcknowledged, ? extends RuntimeException> answer) {
        return acknowledged(record).exceptionallyCompose(error -> CompletableFuture.failedFuture(answer.apply(notAcknowledged(error, "the record"))));
    }

    private CompletableFuture<Void> acknowledged(TrackerRecord record) {
        CompletableFuture<Void> acked = new CompletableFuture<>();
        Context caller = Context.isOnEventLoopThread() ? Vertx.currentContext() : null;
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
        if (caller == null || knownTopics.contains(record.topic())) {
            send.run();
        } else {
            Infrastructure.getDefaultWorkerPool().execute(send);
        }
        return acked.orTimeout(ackTimeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Sends {@code record} and waits for the acknowledgement (never on an event loop); throws {@code answer} of a failure. */
    public void sendAndWait(TrackerRecord record, Function<NotAcknowledged, ? extends RuntimeException> answer) {
        Batch one = batch();
        one.send(record);
        one.awaitAcknowledged(answer);
    }

    /** Records sent together and acknowledged together, e.g. everything a sync read before its cursor moves. */
    public Batch batch() {
        return new Batch();
    }

    /** Records sent now and waited for together, within one {@code ackTimeout}. {@link #send} may be called from several threads. */
    public final class Batch {

        private final List<CompletableFuture<Void>> sent = Collections.synchronizedList(new ArrayList<>());

        private Batch() {
        }

        public void send(TrackerRecord record) {
            CompletableFuture<Void> acked = new CompletableFuture<>();
            try {
                producer.send(record.toProducerRecord(), (metadata, error) -> settle(acked, error));
            } catch (RuntimeException e) {
                acked.completeExceptionally(e);
            }
            sent.add(acked);
        }

        public int size() {
            return sent.size();
        }

        /** Waits until the broker acknowledged every record sent so far; throws {@code answer} of the first failure. */
        public void awaitAcknowledged(Function<NotAcknowledged, ? extends RuntimeException> answer) {
            CompletableFuture<?>[] all;
            synchronized (sent) {
                all = sent.toArray(new CompletableFuture<?>[0]);
            }
            try {
                CompletableFuture.allOf(all).get(ackTimeout.toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw answer.apply(new NotAcknowledged(NotAcknowledged.Why.INTERRUPTED, "interrupted while waiting for Kafka", e));
            } catch (ExecutionException | TimeoutException e) {
                throw answer.apply(notAcknowledged(e, all.length == 1 ? "the record" : all.length + " records"));
            }
            synchronized (sent) {
                sent.clear();
            }
        }
    }

    private NotAcknowledged notAcknowledged(Throwable error, String what) {
        Throwable cause = unwrap(error);
        if (cause instanceof NotAcknowledged already) {
            return already;
        }
        if (cause instanceof TimeoutException) {
            return new NotAcknowledged(NotAcknowledged.Why.TIMED_OUT,
                    "Kafka did not acknowledge " + what + " within " + ackTimeout.toSeconds() + " s", cause);
        }
        if (cause instanceof RecordTooLargeException) {
            return new NotAcknowledged(NotAcknowledged.Why.TOO_LARGE, "Kafka refused a record: " + cause.getMessage(), cause);
        }
        return new NotAcknowledged(NotAcknowledged.Why.REFUSED, "Kafka refused a record: " + cause.getMessage(), cause);
    }

    private static Throwable unwrap(Throwable error) {
        return (error instanceof CompletionException || error instanceof ExecutionException) && error.getCause() != null ? error.getCause() : error;
    }

    private static void settle(CompletableFuture<Void> acked, Exception error) {
        if (error == null) {
            acked.complete(null);
        } else {
            acked.completeExceptionally(error);
        }
    }

    /** Lets what was accepted reach the broker (up to 10 s), then closes the producer. */
    @Override
    public void close() {
        producer.close(CLOSE_WAIT);
    }
}
