package io.trackerhub.timesheet.timers;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;

/** A user's running timer (table {@code timer}, at most one per user: keyed by the user). */
@Entity
@Table(name = "timer")
class Timer extends PanacheEntityBase {

    @Id
    @Column(name = "user_id")
    public long userId;
    @Column(name = "task_id")
    public long taskId;
    @Column(name = "started_at")
    public Instant startedAt;
    @Column(name = "note")
    public String note;
}
