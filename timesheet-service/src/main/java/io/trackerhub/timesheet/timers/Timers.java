package io.trackerhub.timesheet.timers;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.trackerhub.kit.errors.ProblemException;
import io.trackerhub.timesheet.entries.Entries;
import io.trackerhub.timesheet.entries.TimeEntry;
import io.trackerhub.kit.jdbc.Sql;
import io.trackerhub.timesheet.tasks.Task;
import io.trackerhub.timesheet.users.User;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;

/**
 * One running timer per user (table {@code timer}, keyed by user). Stopping it writes a time entry; starting one
 * stops the running one first. Each operation locks the user's row, so two clicks cannot start two timers.
 */
@ApplicationScoped
public class Timers {

    private static final Logger LOG = Logger.getLogger(Timers.class);

    /** The running timer as the API shows it. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Timer(long userId, long taskId, String taskName, String taskPath, Long storyId, String url,
                        Instant startedAt, String note, long elapsedSeconds) {
    }

    /** What start answers: the new timer and the entry of the timer it stopped, if any. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Started(Timer timer, TimeEntry stopped) {
    }

    private final Sql sql;
    private final Entries entries;

    public Timers(Sql sql, Entries entries) {
        this.sql = sql;
        this.entries = entries;
    }

    @Transactional
    public Started start(User user, long taskId, String note) {
        lock(user);
        Task task = entries.trackable(user, taskId, "task_id");
        TimeEntry stopped = stopRunning(user.id(), now()).orElse(null);
        sql.update("insert into timer (user_id, task_id, started_at, note) values (?, ?, ?, ?)", user.id(), task.id(), now(), blankToNull(note));
        return new Started(current(user).orElseThrow(), stopped);
    }

    @Transactional
    public TimeEntry stop(User user) {
        lock(user);
        return stopRunning(user.id(), now()).orElseThrow(() -> ProblemException.conflict("no timer is running; start one with POST /api/timer/start"));
    }

    public Optional<Timer> current(User user) {
        return sql.one("select r.user_id, r.task_id, r.started_at, r.note, t.name, t.tracker_id, t.kind, t.url, "
                        + "concat_ws(' / ', g.name, p.name, t.name) as path from timer r join task t on t.id = r.task_id "
                        + "left join task p on p.id = t.parent_id left join task g on g.id = p.parent_id where r.user_id = ?",
                rs -> {
                    Instant started = Sql.instant(rs, "started_at");
                    return new Timer(rs.getLong("user_id"), rs.getLong("task_id"), rs.getString("name"), rs.getString("path"),
                            Task.STORY.equals(rs.getString("kind")) ? Sql.nullableLong(rs, "tracker_id") : null, rs.getString("url"),
                            started, rs.getString("note"), Math.max(0, Duration.between(started, Instant.now()).toSeconds()));
                }, user.id());
    }

    /** Stops every timer running on these tasks (archived: no more time on them); their time is kept as entries. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void stopOn(List<Long> taskIds, Instant at, String reason) {
        if (taskIds.isEmpty()) {
            return;
        }
        List<Long> users = new java.util.ArrayList<>();
        for (long taskId : taskIds) {
            users.addAll(sql.list("select user_id from timer where task_id = ?", rs -> rs.getLong(1), taskId));
        }
        for (long userId : users) {
            stopRunning(userId, at.truncatedTo(ChronoUnit.SECONDS)).ifPresent(entry ->
                    LOG.infof("timer of user %d on task %d stopped: the task was archived (%s); entry %d kept", userId, entry.taskId(), reason, entry.id()));
        }
    }

    private Optional<TimeEntry> stopRunning(long userId, Instant end) {
        record Running(long taskId, Instant startedAt, String note) {
        }
        Optional<Running> running = sql.one("delete from timer where user_id = ? returning task_id, started_at, note",
                rs -> new Running(rs.getLong("task_id"), Sql.instant(rs, "started_at"), rs.getString("note")), userId);
        if (running.isEmpty()) {
            return Optional.empty();
        }
        Instant start = running.get().startedAt();
        Instant stop = end.isBefore(start) ? start : end;
        if (Duration.between(start, stop).compareTo(Entries.MAX_LENGTH) > 0) {
            // a timer forgotten overnight: an entry is at most 24 h long
            stop = start.plus(Entries.MAX_LENGTH);
        }
        return Optional.of(entries.insert(userId, running.get().taskId(), start, stop, running.get().note(), true, "timer"));
    }

    private void lock(User user) {
        sql.one("select id from app_user where id = ? for update", rs -> rs.getLong(1), user.id());
    }

    private static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.SECONDS);
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }
}
