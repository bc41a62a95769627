package io.trackerhub.timesheet.tasks;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;

/**
 * A task of the timesheet (table {@code task}): the "Pivotal Tracker" root of an integration, a Tracker project under
 * it, or a story under its project. {@code trackerId} is the project or story id in Tracker; {@code version} the
 * Tracker project version of the last change applied. Archived tasks take no new time; their past entries stay.
 */
@Entity
@Table(name = "task")
public class Task extends PanacheEntityBase {

    public static final String ROOT = "root";
    public static final String PROJECT = "project";
    public static final String STORY = "story";
    public static final String ROOT_NAME = "Pivotal Tracker";

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;
    @Column(name = "kind")
    public String kind;
    @Column(name = "parent_id")
    public Long parentId;
    @Column(name = "integration_id")
    public long integrationId;
    @Column(name = "tracker_id")
    public Long trackerId;
    @Column(name = "name")
    public String name;
    @Column(name = "story_type")
    public String storyType;
    @Column(name = "current_state")
    public String currentState;
    @Column(name = "estimate")
    public Double estimate;
    @Column(name = "url")
    public String url;
    @Column(name = "version")
    public long version = -1;
    @Column(name = "archived_at")
    public Instant archivedAt;
    @Column(name = "archived_reason")
    public String archivedReason;
    @Column(name = "created_at")
    public Instant createdAt;
    @Column(name = "updated_at")
    public Instant updatedAt;

    void archive(String reason, Instant at) {
        archivedAt = at;
        archivedReason = reason;
        updatedAt = at;
    }

    void unarchive(Instant at) {
        if (archivedAt != null) {
            archivedAt = null;
            archivedReason = null;
            updatedAt = at;
        }
    }
}
