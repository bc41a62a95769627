package io.trackerhub.poller.integrations;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.hibernate.annotations.DynamicUpdate;

import java.time.Instant;

/** One run of an integration's sync, with its progress. */
@Entity
@Table(name = "sync_run")
@DynamicUpdate
public class SyncRun extends PanacheEntityBase {

    public static final String RUNNING = "running";

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    @Column(name = "id")
    public Long id;
    @Column(name = "integration_id")
    public long integrationId;
    @Column(name = "replica")
    public String replica;
    /** {@code import}, {@code cycle} or {@code gap}. */
    @Column(name = "reason")
    public String reason;
    // the database's clock (default now()), as for every other time the poller records
    @Column(name = "started_at", insertable = false, updatable = false)
    public Instant startedAt;
    @Column(name = "finished_at")
    public Instant finishedAt;
    /** {@code running}, {@code ok}, {@code failed} or {@code lost_lease}. */
    @Column(name = "outcome")
    public String outcome = RUNNING;
    @Column(name = "projects_done")
    public int projectsDone;
    @Column(name = "projects_total")
    public int projectsTotal;
    @Column(name = "stories_seen")
    public long storiesSeen;
    @Column(name = "activities")
    public long activities;
    @Column(name = "requests")
    public int requests;
    @Column(name = "error")
    public String error;
}
