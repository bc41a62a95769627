package io.trackerhub.events.kafka;

import java.util.List;
import java.util.Optional;

/** Every Kafka topic of Tracker Hub. No service types a topic name; they use these. */
public final class Topics {

    /** One Tracker activity per record (v5 JSON, v3 converted), keyed by project id. */
    public static final String ACTIVITY = "tracker.activity";
    /** Latest project snapshot per project id; a null value means the project was removed. Compacted. */
    public static final String PROJECTS = "tracker.projects";
    /** Latest story snapshot (with {@code project_id}) per story id; null means deleted. Compacted. */
    public static final String STORIES = "tracker.stories";
    /** Latest epic snapshot per epic id; null means deleted. Compacted. */
    public static final String EPICS = "tracker.epics";
    /** {@code /my/notifications} items, per integration, keyed by notification id. */
    public static final String NOTIFICATIONS = "tracker.notifications";
    /** Commands to the poller ({@link SyncRequest}), keyed by integration id. */
    public static final String SYNC_REQUESTS = "hub.sync-requests";
    /** Records a consumer gave up on, with their original key and value and {@code hub-error} headers. */
    public static final String DEADLETTER = "hub.deadletter";

    /** A topic with the settings it is created with when it does not exist yet. */
    public record Topic(String name, int partitions, boolean compacted) {
    }

    /** All topics with their defaults; partitions bound how far a consumer group scales out. */
    public static final List<Topic> ALL = List.of(
            new Topic(ACTIVITY, 6, false),
            new Topic(PROJECTS, 3, true),
            new Topic(STORIES, 6, true),
            new Topic(EPICS, 3, true),
            new Topic(NOTIFICATIONS, 3, false),
            new Topic(SYNC_REQUESTS, 3, false),
            new Topic(DEADLETTER, 3, false));

    private Topics() {
    }

    public static Optional<Topic> find(String name) {
        return ALL.stream().filter(t -> t.name().equals(name)).findFirst();
    }

    /** Default partition count of a hub topic, e.g. 6 for {@link #ACTIVITY}. */
    public static int defaultPartitions(String name) {
        return find(name).map(Topic::partitions)
                .orElseThrow(() -> new IllegalArgumentException("not a Tracker Hub topic: " + name));
    }
}
