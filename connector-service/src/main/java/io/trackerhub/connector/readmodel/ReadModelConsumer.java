package io.trackerhub.connector.readmodel;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.common.annotation.Blocking;
import io.smallrye.reactive.messaging.kafka.KafkaRecordBatch;
import io.trackerhub.events.kafka.ActivityRecord;
import io.trackerhub.events.kafka.SnapshotKind;
import io.trackerhub.kit.kafka.TrackerConsumer;
import io.trackerhub.kit.kafka.TrackerMessages;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.List;
import java.util.function.Function;

/**
 * Builds the read model from the snapshot topics, the notifications and the activity, a poll at a time (service-kit's
 * {@link TrackerConsumer}): each poll is applied in one transaction ({@link ReadModel}) and acknowledged only after it
 * committed. Records that cannot be read go to {@code hub.deadletter}; while the database is down the same poll is
 * tried again with back-off.
 */
@ApplicationScoped
public class ReadModelConsumer {

    static final String PROJECTS = "readmodel-projects";
    static final String EPICS = "readmodel-epics";
    static final String STORIES = "readmodel-stories";
    static final String NOTIFICATIONS = "readmodel-notifications";
    static final String ACTIVITY = "readmodel-activity";

    private final MeterRegistry registry;
    private final Map<String, Counter> counters = new ConcurrentHashMap<>();
    private final Map<SnapshotKind, TrackerConsumer<SnapshotEvent, Map<ReadModel.Outcome, Integer>>> snapshots = new EnumMap<>(SnapshotKind.class);
    private final TrackerConsumer<NotificationEvent, Map<ReadModel.Outcome, Integer>> notifications;
    private final TrackerConsumer<ActivityRecord, Map<ReadModel.Outcome, Integer>> activity;

    public ReadModelConsumer(ReadModel readModel, MeterRegistry registry) {
        this.registry = registry;
        for (SnapshotKind kind : List.of(SnapshotKind.PROJECT, SnapshotKind.EPIC, SnapshotKind.STORY)) {
            snapshots.put(kind, consumer(ReadModel.dataset(kind), message -> SnapshotEvent.of(kind, message), items -> readModel.applySnapshots(kind, items)));
        }
        this.notifications = consumer("notifications", NotificationEvent::of, readModel::applyNotifications);
        this.activity = consumer("activity", TrackerMessages::activity, readModel::applyActivities);
    }


    @Incoming(PROJECTS)
    @Blocking
    public CompletionStage<Void> onProjects(KafkaRecordBatch<String, byte[]> records) {
        return snapshots.get(SnapshotKind.PROJECT).consume(records);
    }

    @Incoming(EPICS)
    @Blocking
    public CompletionStage<Void> onEpics(KafkaRecordBatch<String, byte[]> records) {
        return snapshots.get(SnapshotKind.EPIC).consume(records);
    }

    @Incoming(STORIES)
    @Blocking
    public CompletionStage<Void> onStories(KafkaRecordBatch<String, byte[]> records) {
        return snapshots.get(SnapshotKind.STORY).consume(records);
    }

    @Incoming(NOTIFICATIONS)
    @Blocking
    public CompletionStage<Void> onNotifications(KafkaRecordBatch<String, byte[]> records) {
        return notifications.consume(records);
    }

    @Incoming(ACTIVITY)
    @Blocking
    public CompletionStage<Void> onActivity(KafkaRecordBatch<String, byte[]> records) {
        return activity.consume(records);
    }

    private <T> TrackerConsumer<T, Map<ReadModel.Outcome, Integer>> consumer(String topic, TrackerConsumer.Parser<T> parser,
                                                                            Function<List<T>, Map<ReadModel.Outcome, Integer>> transaction) {
        return TrackerConsumer.ofPolls(parser, items -> items.size() + " " + topic + " records", transaction)
                .onApplied(outcomes -> outcomes.forEach((outcome, n) -> count(topic, outcome.name().toLowerCase(Locale.ROOT), n)))
                .onUnreadable(n -> count(topic, "dead_letter", n));
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
