package io.trackerhub.timesheet.events;

import io.trackerhub.events.TrackerFormatException;
import io.trackerhub.events.TrackerJson;
import io.trackerhub.events.kafka.ActivityRecord;
import io.trackerhub.events.kafka.EventMeta;
import io.trackerhub.events.kafka.SnapshotRecord;
import io.trackerhub.events.rest.Project;
import io.trackerhub.events.rest.Story;
import io.trackerhub.kit.inbox.Inbox;
import io.trackerhub.timesheet.tasks.TrackerImport;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;


/**
 * One consumed event, applied in one transaction together with the inbox record of its {@code ce_id}: a duplicate
 * or replayed event finds its id and changes nothing.
 */
@ApplicationScoped
public class TrackerEvents {

    public enum Outcome { APPLIED, STALE, IGNORED, DUPLICATE }

    static final String PROJECTS = "timesheet.projects";
    static final String STORIES = "timesheet.stories";
    static final String ACTIVITY = "timesheet.activity";

    /** Snapshot ids are {@code {kind}_{id}_v{projectVersion}} (tracker-events' TrackerRecord.snapshot). */

    /** A snapshot record, checked before its transaction (a bad one goes to the dead-letter topic). */
    public record Snapshot(EventMeta meta, long id, long integrationId, Long version, byte[] value) {

        public static Snapshot of(EventMeta meta, String key, byte[] value) throws TrackerFormatException {
            if (meta.integrationId() == null) {
                throw TrackerFormatException.of("snapshot record " + meta.id() + " has no hub-integration header");
            }
            // id and project version as tracker-events' TrackerRecord.snapshot wrote them
            SnapshotRecord record = SnapshotRecord.from(meta, key, value);
            return new Snapshot(meta, record.id(), meta.integrationId(), record.projectVersion(), value);
        }

        boolean tombstone() {
            return value == null;
        }
    }

    private final Inbox inbox;
    private final TrackerImport tracker;

    public TrackerEvents(Inbox inbox, TrackerImport tracker) {
        this.inbox = inbox;
        this.tracker = tracker;
    }

    /** Parses what a consumer will apply, so that a bad record is refused before any transaction. */
    public static Project project(Snapshot snapshot) throws TrackerFormatException {
        return TrackerJson.read(snapshot.value(), Project.class);
    }

    public static Story story(Snapshot snapshot) throws TrackerFormatException {
        Story story = TrackerJson.read(snapshot.value(), Story.class);
        if (story.projectId() == null) {
            throw TrackerFormatException.at("project_id", "a story snapshot must name its project");
        }
        return story;
    }

    @Transactional
    public Outcome project(Snapshot snapshot, Project project) {
        if (!inbox.markProcessedIfNew(PROJECTS, snapshot.meta().id())) {
            return Outcome.DUPLICATE;
        }
        TrackerImport.Outcome outcome = snapshot.tombstone()
                ? tracker.projectRemoved(snapshot.id(), snapshot.version())
                : tracker.project(snapshot.integrationId(), snapshot.id(), project, snapshot.version());
        return Outcome.valueOf(outcome.name());
    }

    @Transactional
    public Outcome story(Snapshot snapshot, Story story) {
        if (!inbox.markProcessedIfNew(STORIES, snapshot.meta().id())) {
            return Outcome.DUPLICATE;
        }
        TrackerImport.Outcome outcome = snapshot.tombstone()
                ? tracker.storyDeleted(snapshot.id(), snapshot.version())
                : tracker.story(snapshot.integrationId(), snapshot.id(), story, snapshot.version());
        return Outcome.valueOf(outcome.name());
    }

    @Transactional
    public Outcome activity(ActivityRecord event) {
        if (!inbox.markProcessedIfNew(ACTIVITY, event.id())) {
            return Outcome.DUPLICATE;
        }
        if (event.meta().integrationId() == null) {
            // without the integration the story cannot be placed; the next snapshot brings it
            return Outcome.IGNORED;
        }
        return Outcome.valueOf(tracker.activity(event.meta().integrationId(), event.activity()).name());
    }
}
