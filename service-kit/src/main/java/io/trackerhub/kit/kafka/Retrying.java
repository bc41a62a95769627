package io.trackerhub.kit.kafka;

import io.micrometer.core.instrument.Metrics;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * How a consumer applies what it read. A {@link Failures.Kind#TRANSIENT transient} failure (the database away, a
 * deadlock, a time-out) is tried again in place, with back-off from 100 ms to 5 s, until it commits, so nothing behind
 * it overtakes it and nothing is lost; then the records are acknowledged. A failure that can never succeed — a
 * {@link Failures.Kind#DATA data error} at once, {@link Failures.Kind#OTHER anything else} after
 * {@value #ATTEMPTS} attempts — is given up: the record goes to the dead-letter topic with its reason and the
 * consumer goes on. When the service is stopping it gives up neither way and leaves the records unacknowledged: they
 * are consumed again after the restart.
 * Consumers use it through {@link TrackerConsumer}.
 */
public final class Retrying {

    private static final Logger LOG = Logger.getLogger(Retrying.class);
    /** Attempts of a transaction that keeps failing for no transient reason before its record is given up. */
    static final int ATTEMPTS = 5;
    /** Set by {@link ShutdownWatch} while the application stops (and cleared when one starts in the same JVM). */
    static volatile boolean stopping;

    /** What to do with records that can never be applied: e.g. dead-letter them. */
    @FunctionalInterface
    public interface GiveUp {
        CompletionStage<Void> giveUp(Failures.Kind kind, Exception failure, int attempts, Instant firstFailure);
    }

    private Retrying() {
    }

    /**
     * Runs {@code transaction} until it commits, then {@code acknowledge} with its result; gives {@code message} up
     * to its channel's dead-letter queue when the failure is permanent (see the class comment). While the service is
     * stopping, a stage that never completes: the record stays unacknowledged.
     */
    public static <R> CompletionStage<Void> untilCommitted(String what, Message<byte[]> message, Supplier<R> transaction,
                                                           Function<R, CompletionStage<Void>> acknowledge) {
        return untilCommitted(what, transaction, acknowledge, (kind, failure, attempts, first) -> deadLetter(what, message, kind, failure, attempts, first));
    }

    /** As above, with what to do when the failure is permanent; {@code giveUp} null: transient or not, try forever. */
    public static <R> CompletionStage<Void> untilCommitted(String what, Supplier<R> transaction,
                                                           Function<R, CompletionStage<Void>> acknowledge, GiveUp giveUp) {
        long wait = 100;
        Instant first = null;
        for (int attempt = 1; ; attempt++) {
            R result;
            try {
                result = transaction.get();
            } catch (RuntimeException e) {
                if (stopping) {
                    return new CompletableFuture<>();
                }
                first = first == null ? Instant.now() : first;
                Failures.Kind kind = Failures.of(e);
                if (giveUp != null && (kind == Failures.Kind.DATA || (kind == Failures.Kind.OTHER && attempt >= ATTEMPTS))) {
                    return giveUp.giveUp(kind, e, attempt, first);
                }
                LOG.warnf("%s not applied (%s, attempt %d), trying again in %d ms: %s", what, kind.name().toLowerCase(), attempt, wait, e.getMessage());
                try {
                    Thread.sleep(wait);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    return new CompletableFuture<>();
                }
                wait = Math.min(wait * 2, 5_000);
                continue;
            }
            return acknowledge.apply(result);
        }
    }

    /**
     * Sends a record its consumer gives up on to the dead-letter topic with its reason, counts it
     * ({@code hub_consumer_dead_letters_total{group,reason}}) and logs where it was read. Readiness is not touched:
     * the consumer goes on with the records behind it.
     */
    static CompletionStage<Void> deadLetter(String what, Message<byte[]> message, Failures.Kind kind, Exception failure, int attempts, Instant first) {
        String reason = kind == Failures.Kind.DATA ? "data" : "failing";
        var from = message.getMetadata(io.smallrye.reactive.messaging.kafka.api.IncomingKafkaRecordMetadata.class).orElseThrow();
        String group = TrackerMessages.group(from.getChannel());
        Metrics.counter("hub.consumer.dead.letters", "group", group, "reason", reason).increment();
        LOG.errorf("%s given up after %d attempt(s) and sent to the dead-letter topic (%s, group %s): %s",
                what, attempts, TrackerMessages.where(message), group, Failures.reason(failure));
        return TrackerMessages.deadLetter(message, reason, Failures.reason(failure), attempts, first);
    }

    /** Counts a record that could not be read at all, sent to the dead-letter topic by its consumer. */
    static void countUnreadable(Message<?> message) {
        message.getMetadata(io.smallrye.reactive.messaging.kafka.api.IncomingKafkaRecordMetadata.class).ifPresent(from ->
                Metrics.counter("hub.consumer.dead.letters", "group", TrackerMessages.group(from.getChannel()), "reason", "unreadable").increment());
    }
}
