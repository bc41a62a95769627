package io.trackerhub.timesheet.events;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.common.annotation.Blocking;
import io.trackerhub.events.kafka.ActivityRecord;
import io.trackerhub.events.kafka.Topics;
import io.trackerhub.events.rest.Project;
import io.trackerhub.events.rest.Story;
import io.trackerhub.kit.kafka.TrackerConsumer;
import io.trackerhub.kit.kafka.TrackerMessages;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * Consumes {@code tracker.projects}, {@code tracker.stories} and {@code tracker.activity}, one record at a time per
 * channel, in order, with service-kit's {@link TrackerConsumer}. A record that cannot be read goes to
 * {@code hub.deadletter}; anything else is applied ({@link TrackerEvents}) and acknowledged only after its transaction
 * committed. While the database is down the same record is tried again with back-off, so nothing behind it overtakes
 * it and nothing is lost.
 */
@ApplicationScoped
public class EventConsumer {

    static final String PROJECTS = "tracker-projects";
    static final String STORIES = "tracker-stories";
    static final String ACTIVITY = "tracker-activity";

    /** A snapshot and what it holds (null for a tombstone). */
    private record Read<T>(TrackerEvents.Snapshot snapshot, T value) {
    }

    private final MeterRegistry registry;
    private final Map<String, Counter> counters = new ConcurrentHashMap<>();
    private final TrackerConsumer<Read<Project>, TrackerEvents.Outcome> projects;
    private final TrackerConsumer<Read<Story>, TrackerEvents.Outcome> stories;
    private final TrackerConsumer<ActivityRecord, TrackerEvents.Outcome> activity;

    public EventConsumer(TrackerEvents events, MeterRegistry registry) {
        this.registry = registry;
        this.projects = consumer(Topics.PROJECTS, message -> snapshot(message, TrackerEvents::project), read -> read.snapshot().meta().id(),
                read -> events.project(read.snapshot(), read.value()));
        this.stories = consumer(Topics.STORIES, message -> snapshot(message, TrackerEvents::story), read -> read.snapshot().meta().id(),
                read -> events.story(read.snapshot(), read.value()));
        this.activity = consumer(Topics.ACTIVITY, TrackerMessages::activity, ActivityRecord::id, events::activity);
    }


    @Incoming(PROJECTS)
    @Blocking
    public CompletionStage<Void> onProject(Message<byte[]> message) {
        return projects.consume(message);
    }

    @Incoming(STORIES)
    @Blocking
    public CompletionStage<Void> onStory(Message<byte[]> message) {
        return stories.consume(message);
    }

    @Incoming(ACTIVITY)
    @Blocking
    public CompletionStage<Void> onActivity(Message<byte[]> message) {
        return activity.consume(message);
    }

    private static <T> Read<T> snapshot(Message<byte[]> message, Function<TrackerEvents.Snapshot, T> parse) {
        TrackerEvents.Snapshot snapshot = TrackerEvents.Snapshot.of(TrackerMessages.meta(message), TrackerMessages.key(message), message.getPayload());
        return new Read<>(snapshot, snapshot.tombstone() ? null : parse.apply(snapshot));
    }

    private <T> TrackerConsumer<T, TrackerEvents.Outcome> consumer(String topic, TrackerConsumer.Parser<T> parser, Function<T, String> id,
                                                                   Function<T, TrackerEvents.Outcome> effect) {
        return TrackerConsumer.ofRecords(parser, item -> topic + " record " + id.apply(item), effect)
                .onApplied(outcome -> count(topic, outcome.name()))
                .onUnreadable(n -> count(topic, "dead_letter"));
    }

    private void count(String topic, String outcome) {
        String o = outcome.toLowerCase(Locale.ROOT);
        counters.computeIfAbsent(topic + "/" + o, k -> Counter.builder("hub.timesheet.events").tag("topic", topic).tag("outcome", o)
                .description("Tracker events consumed: applied, stale (older than what is known), ignored, duplicate, dead letter")
                .register(registry)).increment();
    }
}
