package io.trackerhub.timesheet.entries;

import io.trackerhub.kit.errors.Problem;
import io.trackerhub.kit.errors.ProblemException;
import io.trackerhub.kit.jdbc.Sql;
import io.trackerhub.timesheet.tasks.Task;
import io.trackerhub.timesheet.tasks.Tasks;
import io.trackerhub.timesheet.users.User;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Time entries and their rules: end after start, at most 24 h, on an open task the user is assigned to, and never
 * overlapping another entry (or the running timer) of the same user. Writes lock the user's row, so two requests
 * cannot slip overlapping entries past each other.
 */
@ApplicationScoped
public class Entries {

    public static final Duration MAX_LENGTH = Duration.ofHours(24);

    static final String SELECT = "select e.id, e.user_id, u.name as user_name, e.task_id, t.name as task_name, t.kind, t.tracker_id, "
            + "concat_ws(' / ', g.name, p.name, t.name) as path, "
            + "(t.archived_at is not null or (p.id is not null and p.archived_at is not null)) as archived, "
            + "e.start_at, e.end_at, e.note, e.billable, e.source "
            + "from time_entry e join app_user u on u.id = e.user_id join task t on t.id = e.task_id "
            + "left join task p on p.id = t.parent_id left join task g on g.id = p.parent_id ";

    /** A query: entries starting in [from, to), of one user and/or task when given. */
    public record Query(Instant from, Instant to, Long userId, Long taskId) {
    }

    private final Sql sql;
    private final Tasks tasks;

    public Entries(Sql sql, Tasks tasks) {
        this.sql = sql;
        this.tasks = tasks;
    }

    /** The task, if {@code user} may track on it now; else a problem naming {@code field}. */
    public Task trackable(User user, long taskId, String field) {
        Task task = tasks.find(taskId).orElseThrow(() -> ProblemException.invalid(field, "there is no task " + taskId));
        if (!tasks.assigned(user, taskId)) {
            throw new ProblemException(Problem.of(422, "Unprocessable Content", field + ": you are not assigned to task " + taskId
                    + " (\"" + task.name() + "\"); ask an admin to assign you").withErrors(List.of(new Problem.FieldError(field,
                    "not assigned to task " + taskId))));
        }
        if (task.archived()) {
            String why = task.archivedReason() != null ? task.archivedReason() : "its project was removed";
            throw new ProblemException(Problem.of(422, "Unprocessable Content", field + ": task " + taskId + " (\"" + task.name()
                    + "\") is archived (" + why + "); no new time can be tracked on it").withErrors(List.of(new Problem.FieldError(field,
                    "task " + taskId + " is archived (" + why + ")"))));
        }
        return task;
    }

    @Transactional
    public TimeEntry create(User user, long taskId, Instant start, Instant end, String note, boolean billable) {
        lock(user.id());
        trackable(user, taskId, "task_id");
        checkTimes(start, end);
        checkOverlap(user.id(), start, end, null);
        return insert(user.id(), taskId, start, end, note, billable, "manual");
    }

    /** Changes an entry; null arguments keep what is stored. */
    @Transactional
    public TimeEntry update(User owner, TimeEntry entry, Long taskId, Instant start, Instant end, String note, Boolean billable) {
        lock(owner.id());
        if (taskId != null && taskId != entry.taskId()) {
            trackable(owner, taskId, "task_id");
        }
        Instant newStart = start != null ? start : entry.start();
        Instant newEnd = end != null ? end : entry.end();
        checkTimes(newStart, newEnd);
        checkOverlap(owner.id(), newStart, newEnd, entry.id());
        sql.update("update time_entry set task_id = ?, start_at = ?, end_at = ?, note = ?, billable = ?, updated_at = now() where id = ?",
                taskId != null ? taskId : entry.taskId(), newStart, newEnd, note != null ? blankToNull(note) : entry.note(),
                billable != null ? billable : entry.billable(), entry.id());
        return find(entry.id()).orElseThrow();
    }

    public boolean delete(long id) {
        return sql.update("delete from time_entry where id = ?", id) == 1;
    }

    /** Writes an entry as it is (the timer's stop uses this; its times were checked when it started). */
    @Transactional(Transactional.TxType.MANDATORY)
    public TimeEntry insert(long userId, long taskId, Instant start, Instant end, String note, boolean billable, String source) {
        long id = sql.insert("insert into time_entry (user_id, task_id, start_at, end_at, note, billable, source) values (?, ?, ?, ?, ?, ?, ?) returning id",
                userId, taskId, start, end, blankToNull(note), billable, source);
        return find(id).orElseThrow();
    }

    public Optional<TimeEntry> find(long id) {
        return sql.one(SELECT + "where e.id = ?", Entries::read, id);
    }

    public List<TimeEntry> list(Query query) {
        StringBuilder where = new StringBuilder("where true");
        List<Object> params = new ArrayList<>();
        if (query.from() != null) {
            where.append(" and e.start_at >= ?");
            params.add(query.from());
        }
        if (query.to() != null) {
            where.append(" and e.start_at < ?");
            params.add(query.to());
        }
        if (query.userId() != null) {
            where.append(" and e.user_id = ?");
            params.add(query.userId());
        }
        if (query.taskId() != null) {
            where.append(" and (e.task_id = ? or t.parent_id = ?)");
            params.add(query.taskId());
            params.add(query.taskId());
        }
        return sql.list(SELECT + where + " order by e.start_at, e.id", Entries::read, params.toArray());
    }

    private static void checkTimes(Instant start, Instant end) {
        if (!end.isAfter(start)) {
            throw ProblemException.invalid("end", "end " + end + " is not after start " + start);
        }
        if (Duration.between(start, end).compareTo(MAX_LENGTH) > 0) {
            throw ProblemException.invalid("end", "an entry may be at most 24 hours long; this one is "
                    + Duration.between(start, end).toMinutes() / 60.0 + " hours: split it into several entries");
        }
    }

    private void checkOverlap(long userId, Instant start, Instant end, Long except) {
        Optional<TimeEntry> other = sql.one(SELECT + "where e.user_id = ? and e.start_at < ? and e.end_at > ? and e.id <> ? order by e.start_at limit 1",
                Entries::read, userId, end, start, except == null ? -1L : except);
        if (other.isPresent()) {
            TimeEntry o = other.get();
            throw new OverlapException("overlaps your entry " + o.id() + " on \"" + o.taskName() + "\" from " + o.start() + " to " + o.end(), o.id());
        }
        Optional<Instant> running = sql.one("select started_at from timer where user_id = ?", rs -> Sql.instant(rs, "started_at"), userId);
        if (running.isPresent() && end.isAfter(running.get())) {
            throw new OverlapException("overlaps your running timer, started at " + running.get() + "; stop it first or end the entry before then", null);
        }
    }

    private void lock(long userId) {
        sql.one("select id from app_user where id = ? for update", rs -> rs.getLong(1), userId);
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }

    static TimeEntry read(ResultSet rs) throws SQLException {
        Instant start = Sql.instant(rs, "start_at");
        Instant end = Sql.instant(rs, "end_at");
        return new TimeEntry(rs.getLong("id"), rs.getLong("user_id"), rs.getString("user_name"), rs.getLong("task_id"),
                rs.getString("task_name"), rs.getString("path"), Task.STORY.equals(rs.getString("kind")) ? Sql.nullableLong(rs, "tracker_id") : null,
                rs.getBoolean("archived"), start, end, Duration.between(start, end).toSeconds(), rs.getString("note"),
                rs.getBoolean("billable"), rs.getString("source"));
    }
}
