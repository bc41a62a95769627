package io.trackerhub.archive.store;

import io.trackerhub.events.vocabulary.ActivityKinds;
import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Embeddable;
import jakarta.persistence.EmbeddedId;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;

import java.io.Serializable;
import java.time.Instant;

/**
 * One entry of a project's activity feed: at {@code version}, an import added, changed or moved a story or epic.
 * Versions are contiguous per project, so a client reading {@code since_version} sees every change once.
 */
@Entity
@Table(name = "activity")
public class Activity extends PanacheEntityBase {

    public static final String STORY_CREATE = ActivityKinds.STORY_CREATE;
    public static final String STORY_UPDATE = ActivityKinds.STORY_UPDATE;
    public static final String STORY_MOVE_INTO = ActivityKinds.STORY_MOVE_INTO;
    public static final String STORY_MOVE_FROM = ActivityKinds.STORY_MOVE_FROM;
    public static final String EPIC_CREATE = ActivityKinds.EPIC_CREATE;
    public static final String EPIC_UPDATE = ActivityKinds.EPIC_UPDATE;

    @Embeddable
    public record Key(long projectId, long version) implements Serializable {
    }

    @EmbeddedId
    public Key key;
    public String kind;
    public String resourceKind;
    public long resourceId;
    public Instant occurredAt;

    public static void append(Project project, String kind, String resourceKind, long resourceId, Instant at) {
        Activity activity = new Activity();
        activity.key = new Key(project.id, ++project.version);
        activity.kind = kind;
        activity.resourceKind = resourceKind;
        activity.resourceId = resourceId;
        activity.occurredAt = at;
        activity.persist();
    }
}
