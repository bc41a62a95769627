package io.trackerhub.connector.readmodel;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.common.annotation.Blocking;
import io.smallrye.reactive.messaging.kafka.KafkaRecordBatch;
import io.trackerhub.events.kafka.ActivityRecord;
import io.trackerhub.events.kafka.SnapshotKind;
import io.trackerhub.kit.kafka.ConsumedBatch;
import io.trackerhub.kit.kafka.TrackerMessages;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.List;
import java.util.function.Function;

/**
 * Builds the read model from the snapshot topics, the notifications and the activity, a poll at a time: each poll is
 * applied in one transaction ({@link ReadModel}) and acknowledged only after it committed. Records that cannot be read
 * go to {@code hub.deadletter}; while the database is down the same poll is tried again with back-off.
 */
@ApplicationScoped
public class ReadModelConsumer {

    static final String PROJECTS = "readmodel-projects";
    static final String EPICS = "readmodel-epics";
    static final String STORIES = "readmodel-stories";
    static final String NOTIFICATIONS = "readmodel-notifications";
    static final String ACTIVITY = "readmodel-activity";

    private final ReadModel readModel;
    private final MeterRegistry registry;
    private final Map<String, Counter> counters = new ConcurrentHashMap<>();

    public ReadModelConsumer(ReadModel readModel, MeterRegistry registry) {
        this.readModel = readModel;
        this.registry = registry;
    }


    @Incoming(PROJECTS)
    @Blocking
    public CompletionStage<Void> onProjects(KafkaRecordBatch<String, byte[]> records) {
        return snapshots(SnapshotKind.PROJECT, records);
    }

    @Incoming(EPICS)
    @Blocking
    public CompletionStage<Void> onEpics(KafkaRecordBatch<String, byte[]> records) {
        return snapshots(SnapshotKind.EPIC, records);
    }

    @Incoming(STORIES)
    @Blocking
    public CompletionStage<Void> onStories(KafkaRecordBatch<String, byte[]> records) {
        return snapshots(SnapshotKind.STORY, records);
    }

    @Incoming(NOTIFICATIONS)
    @Blocking
    public CompletionStage<Void> onNotifications(KafkaRecordBatch<String, byte[]> records) {
        ConsumedBatch<NotificationEvent> batch = ConsumedBatch.of(records, NotificationEvent::of);
        return apply("notifications", batch, readModel::applyNotifications);
    }

    @Incoming(ACTIVITY)
    @Blocking
    public CompletionStage<Void> onActivity(KafkaRecordBatch<String, byte[]> records) {
        ConsumedBatch<ActivityRecord> batch = ConsumedBatch.of(records, TrackerMessages::activity);
        return apply("activity", batch, readModel::applyActivities);
    }

    private CompletionStage<Void> snapshots(SnapshotKind kind, KafkaRecordBatch<String, byte[]> records) {
        ConsumedBatch<SnapshotEvent> batch = ConsumedBatch.of(records, message -> SnapshotEvent.of(kind, message));
        return apply(ReadModel.dataset(kind), batch, items -> readModel.applySnapshots(kind, items));
    }

    private <T> CompletionStage<Void> apply(String topic, ConsumedBatch<T> batch, Function<List<T>, Map<ReadModel.Outcome, Integer>> transaction) {
        count(topic, "dead_letter", batch.deadLettered());
        return batch.apply(batch.items().size() + " " + topic + " records", transaction,
                outcomes -> outcomes.forEach((outcome, n) -> count(topic, outcome.name().toLowerCase(Locale.ROOT), n)));
    }

    private void count(String topic, String outcome, int n) {
        if (n == 0) {
            return;
        }
        counters.computeIfAbsent(topic + "/" + outcome, k -> Counter.builder("hub.connector.readmodel.events").tag("source", topic)
                .tag("outcome", outcome).description("Events applied to the read model: applied, stale (older than the row), duplicate, dead letter")
                .register(registry)).increment(n);
    }
}
