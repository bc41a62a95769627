package io.trackerhub.timesheet.entries;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;

/** Time a user spent on a task, from {@code startAt} to {@code endAt} (table {@code time_entry}). */
@Entity
@Table(name = "time_entry")
class TimeEntry extends PanacheEntityBase {

    static final String TIMER = "timer";
    static final String MANUAL = "manual";

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;
    @Column(name = "user_id")
    public long userId;
    @Column(name = "task_id")
    public long taskId;
    @Column(name = "start_at")
    public Instant startAt;
    @Column(name = "end_at")
    public Instant endAt;
    @Column(name = "note")
    public String note;
    @Column(name = "billable")
    public boolean billable = true;
    /** {@value #TIMER} or {@value #MANUAL}. */
    @Column(name = "source")
    public String source;
    @Column(name = "created_at")
    public Instant createdAt;
    @Column(name = "updated_at")
    public Instant updatedAt;
}
