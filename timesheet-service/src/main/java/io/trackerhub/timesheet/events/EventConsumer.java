package io.trackerhub.timesheet.events;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.common.annotation.Blocking;
import io.trackerhub.events.TrackerFormatException;
import io.trackerhub.events.kafka.ActivityRecord;
import io.trackerhub.events.kafka.Topics;
import io.trackerhub.events.rest.Project;
import io.trackerhub.events.rest.Story;
import io.trackerhub.kit.kafka.Retrying;
import io.trackerhub.kit.kafka.TrackerMessages;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * Consumes {@code tracker.projects}, {@code tracker.stories} and {@code tracker.activity}, one record at a time per
 * channel, in order. A record that cannot be read goes to {@code hub.deadletter}; anything else is applied
 * ({@link TrackerEvents}) and acknowledged only after its transaction committed. While the database is down the same
 * record is tried again with back-off, so nothing behind it overtakes it and nothing is lost.
 */
@ApplicationScoped
public class EventConsumer {

    static final String PROJECTS = "tracker-projects";
    static final String STORIES = "tracker-stories";
    static final String ACTIVITY = "tracker-activity";
    private static final Logger LOG = Logger.getLogger(EventConsumer.class);

    private final TrackerEvents events;
    private final MeterRegistry registry;
    private final Map<String, Counter> counters = new ConcurrentHashMap<>();

    public EventConsumer(TrackerEvents events, MeterRegistry registry) {
        this.events = events;
        this.registry = registry;
    }


    @Incoming(PROJECTS)
    @Blocking
    public CompletionStage<Void> onProject(Message<byte[]> message) {
        TrackerEvents.Snapshot snapshot;
        Project project;
        try {
            snapshot = TrackerEvents.Snapshot.of(TrackerMessages.meta(message), TrackerMessages.key(message), message.getPayload());
            project = snapshot.tombstone() ? null : TrackerEvents.project(snapshot);
        } catch (TrackerFormatException e) {
            return deadLetter(Topics.PROJECTS, message, e);
        }
        return apply(Topics.PROJECTS, message, snapshot.meta().id(), () -> events.project(snapshot, project));
    }

    @Incoming(STORIES)
    @Blocking
    public CompletionStage<Void> onStory(Message<byte[]> message) {
        TrackerEvents.Snapshot snapshot;
        Story story;
        try {
            snapshot = TrackerEvents.Snapshot.of(TrackerMessages.meta(message), TrackerMessages.key(message), message.getPayload());
            story = snapshot.tombstone() ? null : TrackerEvents.story(snapshot);
        } catch (TrackerFormatException e) {
            return deadLetter(Topics.STORIES, message, e);
        }
        return apply(Topics.STORIES, message, snapshot.meta().id(), () -> events.story(snapshot, story));
    }

    @Incoming(ACTIVITY)
    @Blocking
    public CompletionStage<Void> onActivity(Message<byte[]> message) {
        ActivityRecord event;
        try {
            event = TrackerMessages.activity(message);
        } catch (TrackerFormatException e) {
            return deadLetter(Topics.ACTIVITY, message, e);
        }
        return apply(Topics.ACTIVITY, message, event.id(), () -> events.activity(event));
    }

    private CompletionStage<Void> apply(String topic, Message<byte[]> message, String id, Supplier<TrackerEvents.Outcome> effect) {
        return Retrying.untilCommitted(topic + " record " + id, message, effect, outcome -> {
                    count(topic, outcome.name());
                    return message.ack();
                });
    }

    private CompletionStage<Void> deadLetter(String topic, Message<byte[]> message, Exception e) {
        count(topic, "dead_letter");
        LOG.warnf("%s record with key %s cannot be read, sent to the dead-letter topic: %s", topic, TrackerMessages.key(message), e.getMessage());
        return TrackerMessages.deadLetter(message, e);
    }

    private void count(String topic, String outcome) {
        String o = outcome.toLowerCase(Locale.ROOT);
        counters.computeIfAbsent(topic + "/" + o, k -> Counter.builder("hub.timesheet.events").tag("topic", topic).tag("outcome", o)
                .description("Tracker events consumed: applied, stale (older than what is known), ignored, duplicate, dead letter")
                .register(registry)).increment();
    }
}
