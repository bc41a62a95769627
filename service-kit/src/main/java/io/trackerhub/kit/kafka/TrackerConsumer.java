package io.trackerhub.kit.kafka;

import io.smallrye.reactive.messaging.kafka.KafkaRecordBatch;
import io.trackerhub.events.TrackerFormatException;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletionStage;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.IntConsumer;

/**
 * What every {@code @Incoming} method of the hub does, written once: parse the record (or each record of a poll); hand
 * what cannot be read to the dead-letter topic with its reason; apply the rest in one transaction through
 * {@link Retrying} — the transaction records the {@code ce_id}s in the inbox, so effect and inbox row commit together —
 * and acknowledge only after it committed. A service builds one per channel and its {@code @Incoming} method is a line:
 * <pre>
 * private final TrackerConsumer&lt;ActivityRecord, Outcome&gt; activities =
 *         TrackerConsumer.ofPolls(TrackerMessages::activity, items -&gt; items.size() + " activities", notifications::applyAll)
 *                 .onApplied(counts -&gt; …).onUnreadable(deadLettered::increment);
 *
 * &#64;Incoming("tracker-activity") &#64;Blocking
 * public CompletionStage&lt;Void&gt; on(KafkaRecordBatch&lt;String, byte[]&gt; records) {
 *     return activities.consume(records);
 * }
 * </pre>
 * A record at a time ({@link #ofRecords}): a failure that can never succeed dead-letters the record. A poll at a time
 * ({@link #ofPolls}, channel with {@code batch=true}): such a failure makes the poll be applied record by record, and
 * only the records that fail alone are dead-lettered. While the service stops nothing is given up and nothing
 * acknowledged. Dead letters are counted in {@code hub_consumer_dead_letters_total{group,reason}}.
 *
 * @param <T> what a record is read as
 * @param <R> what the transaction answers (e.g. outcome counts), handed to {@link #onApplied} after it committed
 */
public final class TrackerConsumer<T, R> {

    /**
     * Reads one record; throws {@link TrackerFormatException} for a record that is not what the topic carries (any
     * exception it throws makes the record unreadable).
     */
    @FunctionalInterface
    public interface Parser<T> {
        T parse(Message<byte[]> record) throws TrackerFormatException;
    }

    private static final Logger LOG = Logger.getLogger(TrackerConsumer.class);

    private final Parser<T> parser;
    private final Function<List<T>, String> what;
    private final Function<List<T>, R> transaction;
    private final boolean perRecord;
    private Consumer<R> applied = result -> { };
    private IntConsumer unreadable = n -> { };

    private TrackerConsumer(Parser<T> parser, Function<List<T>, String> what, Function<List<T>, R> transaction, boolean perRecord) {
        this.parser = Objects.requireNonNull(parser);
        this.what = Objects.requireNonNull(what);
        this.transaction = Objects.requireNonNull(transaction);
        this.perRecord = perRecord;
    }

    /**
     * A record at a time: {@code transaction} applies one item (and marks its {@code ce_id} in the inbox);
     * {@code what} names it in logs and dead letters ("activity 807213_78").
     */
    public static <T, R> TrackerConsumer<T, R> ofRecords(Parser<T> parser, Function<T, String> what, Function<T, R> transaction) {
        return new TrackerConsumer<>(parser, items -> what.apply(items.get(0)), items -> transaction.apply(items.get(0)), true);
    }

    /**
     * A poll at a time: {@code transaction} applies a list in one transaction (the whole poll, or one record of it when
     * the poll as a whole can never succeed); {@code what} names it in logs ("250 activities").
     */
    public static <T, R> TrackerConsumer<T, R> ofPolls(Parser<T> parser, Function<List<T>, String> what, Function<List<T>, R> transaction) {
        return new TrackerConsumer<>(parser, what, transaction, false);
    }

    /** Called with the transaction's answer after it committed, before the acknowledgement (metrics, wake-ups). */
    public TrackerConsumer<T, R> onApplied(Consumer<R> applied) {
        this.applied = Objects.requireNonNull(applied);
        return this;
    }

    /** Called with how many records of a poll (or 1 for a record) could not be read and were dead-lettered. */
    public TrackerConsumer<T, R> onUnreadable(IntConsumer unreadable) {
        this.unreadable = Objects.requireNonNull(unreadable);
        return this;
    }

    /** Consumes one record; the stage completes when it is acknowledged or dead-lettered. */
    public CompletionStage<Void> consume(Message<byte[]> record) {
        T item;
        try {
            item = parser.parse(record);
        } catch (RuntimeException e) {   // TrackerFormatException, or a parser tripping over a field it did not expect
            unreadable.accept(1);
            LOG.warnf("record with key %s at %s cannot be read, sent to the dead-letter topic: %s",
                    TrackerMessages.key(record), TrackerMessages.where(record), e.getMessage());
            return TrackerMessages.deadLetter(record, e);
        }
        List<T> one = List.of(item);
        String name = what.apply(one);
        return Retrying.untilCommitted(name, record, () -> transaction.apply(one), result -> {
            applied.accept(result);
            return record.ack();
        });
    }

    /** Consumes one poll ({@code batch=true}); the stage completes when all of it is acknowledged or dead-lettered. */
    public CompletionStage<Void> consume(KafkaRecordBatch<String, byte[]> records) {
        if (perRecord) {
            throw new IllegalStateException("a consumer made with ofRecords takes one record at a time: use ofPolls for a batch channel");
        }
        ConsumedBatch<T> batch = ConsumedBatch.of(records, parser);
        if (batch.deadLettered() > 0) {
            unreadable.accept(batch.deadLettered());
        }
        if (batch.items().isEmpty()) {
            return batch.ack();
        }
        return batch.apply(what.apply(batch.items()), transaction, applied);
    }
}
