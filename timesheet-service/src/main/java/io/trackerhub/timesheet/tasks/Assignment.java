package io.trackerhub.timesheet.tasks;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import jakarta.persistence.EmbeddedId;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;

import java.io.Serializable;
import java.time.Instant;

/** An explicit assignment (table {@code assignment}): the user may track on the task and everything below it. */
@Entity
@Table(name = "assignment")
class Assignment extends PanacheEntityBase {

    @Embeddable
    record Key(long userId, long taskId) implements Serializable {
    }

    @EmbeddedId
    public Key key;
    @Column(name = "created_at")
    public Instant createdAt;

    static void remove(long userId, long taskId) {
        deleteById(new Key(userId, taskId));
    }
}
