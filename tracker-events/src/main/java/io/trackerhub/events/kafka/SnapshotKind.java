package io.trackerhub.events.kafka;

/** The resources published as latest-state snapshots on compacted topics. */
public enum SnapshotKind {
    STORY("story", Topics.STORIES),
    PROJECT("project", Topics.PROJECTS),
    EPIC("epic", Topics.EPICS);

    private final String wire;
    private final String topic;

    SnapshotKind(String wire, String topic) {
        this.wire = wire;
        this.topic = topic;
    }

    /** The Tracker kind, {@code story}, {@code project} or {@code epic}. */
    public String wire() {
        return wire;
    }

    public String topic() {
        return topic;
    }

    /** {@code tracker.snapshot.story} etc. */
    public String ceType() {
        return CloudEventHeaders.SNAPSHOT_TYPE_PREFIX + wire;
    }
}
