package io.trackerhub.kit.kafka;

import io.smallrye.reactive.messaging.kafka.KafkaRecord;
import io.smallrye.reactive.messaging.kafka.KafkaRecordBatch;
import org.jboss.logging.Logger;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * One poll of a topic consumed in batch mode ({@code mp.messaging.incoming.<channel>.batch=true}), as
 * {@link TrackerConsumer#ofPolls} consumes it: applied in one transaction (one commit instead of one per record) and
 * acknowledged afterwards.
 * {@link #apply} retries the poll while its failure is transient; when it can never succeed (see {@link Retrying}) the
 * poll is applied record by record, each in its own transaction, and only the records that fail on their own go to
 * the dead-letter topic.
 * A record the parser rejects is handed, on its own, to the channel's failure strategy: with
 * {@code failure-strategy=dead-letter-queue} SmallRye writes it to {@code hub.deadletter} with the hub's
 * {@code hub-error} headers, and the rest of the poll goes on. {@link #ack()} completes after those dead letters
 * were written and the poll's offsets were acknowledged, so nothing is committed that is not applied or dead-lettered.
 */
final class ConsumedBatch<T> {

    private static final Logger LOG = Logger.getLogger(ConsumedBatch.class);

    private final KafkaRecordBatch<String, byte[]> records;
    private final List<T> items;
    /** The record each item was read from, by index. */
    private final List<KafkaRecord<String, byte[]>> sources;
    private final List<CompletionStage<Void>> deadLetters;

    private ConsumedBatch(KafkaRecordBatch<String, byte[]> records, List<T> items, List<KafkaRecord<String, byte[]>> sources,
                          List<CompletionStage<Void>> deadLetters) {
        this.records = records;
        this.items = items;
        this.sources = sources;
        this.deadLetters = deadLetters;
    }

    static <T> ConsumedBatch<T> of(KafkaRecordBatch<String, byte[]> records, TrackerConsumer.Parser<T> parser) {
        List<T> items = new ArrayList<>(records.getRecords().size());
        List<KafkaRecord<String, byte[]>> sources = new ArrayList<>(records.getRecords().size());
        List<CompletionStage<Void>> deadLetters = new ArrayList<>();
        for (KafkaRecord<String, byte[]> record : records) {
            try {
                items.add(parser.parse(record));
                sources.add(record);
            } catch (RuntimeException e) {   // TrackerFormatException, or a parser tripping over a field it did not expect
                LOG.warnf("record with key %s of %s (partition %d) cannot be read, sent to the dead-letter topic: %s",
                        record.getKey(), record.getTopic(), record.getPartition(), e.getMessage());
                deadLetters.add(TrackerMessages.deadLetter(record, e));
            }
        }
        return new ConsumedBatch<>(records, items, sources, deadLetters);
    }

    /**
     * Applies the poll in one transaction ({@code transaction} over the items) until it commits, hands the result to
     * {@code applied} and acknowledges the poll. A failure that can never succeed makes the poll be applied record by
     * record instead, each record that still fails alone going to the dead-letter topic with its reason; the rest is
     * applied, and the poll acknowledged.
     */
    <R> CompletionStage<Void> apply(String what, Function<List<T>, R> transaction, Consumer<R> applied) {
        return Retrying.untilCommitted(what, () -> transaction.apply(items), result -> {
            applied.accept(result);
            return ack();
        }, (kind, failure, attempts, first) -> oneByOne(what, transaction, applied, failure));
    }

    private <R> CompletionStage<Void> oneByOne(String what, Function<List<T>, R> transaction, Consumer<R> applied, Exception failure) {
        LOG.warnf("%s: the poll cannot be applied as a whole (%s); applying its %d records one by one", what, Failures.reason(failure), items.size());
        CompletableFuture<Void> done = CompletableFuture.completedFuture(null);
        for (int i = 0; i < items.size(); i++) {
            T item = items.get(i);
            KafkaRecord<String, byte[]> source = sources.get(i);
            String one = what + ": record " + TrackerMessages.where(source);
            CompletionStage<Void> outcome = Retrying.untilCommitted(one, () -> transaction.apply(List.of(item)), result -> {
                applied.accept(result);
                return done;
            }, (kind, error, attempts, first) -> {
                deadLetters.add(Retrying.deadLetter(one, source, kind, error, attempts, first));
                return done;
            });
            if (!outcome.toCompletableFuture().isDone()) {
                return outcome;   // the service is stopping: nothing of this poll is acknowledged
            }
        }
        return ack();
    }

    /** The records that parsed, in consumption order (each partition's records in offset order). */
    List<T> items() {
        return items;
    }

    /** How many records of this poll went to the dead-letter topic. */
    int deadLettered() {
        return deadLetters.size();
    }

    /** Acknowledges the poll once its dead letters are written; call it after the effects committed. */
    CompletionStage<Void> ack() {
        return CompletableFuture.allOf(deadLetters.stream().map(CompletionStage::toCompletableFuture).toArray(CompletableFuture[]::new))
                .thenCompose(written -> records.ack());
    }
}
