package io.trackerhub.timesheet.entries;

import io.quarkus.hibernate.orm.panache.PanacheQuery;
import io.quarkus.panache.common.Parameters;
import io.quarkus.panache.common.Sort;
import io.trackerhub.kit.errors.Problem;
import io.trackerhub.kit.errors.ProblemException;
import io.trackerhub.timesheet.tasks.TaskView;
import io.trackerhub.timesheet.tasks.Tasks;
import io.trackerhub.timesheet.users.User;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

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

    /** A query: entries starting in [from, to), of one user and/or task when given. */
    public record Query(Instant from, Instant to, Long userId, Long taskId) {
    }

    private final Tasks tasks;
    private final RunningTimers timers;

    public Entries(Tasks tasks, RunningTimers timers) {
        this.tasks = tasks;
        this.timers = timers;
    }

    /** The task, if {@code user} may track on it now; else a problem naming {@code field}. */
    public TaskView trackable(User user, long taskId, String field) {
        TaskView task = tasks.find(taskId).orElseThrow(() -> ProblemException.invalid(field, "there is no task " + taskId));
        if (!tasks.assigned(user, taskId)) {
            throw unprocessable(field, "you are not assigned to task " + taskId + " (\"" + task.name() + "\"); ask an admin to assign you",
                    "not assigned to task " + taskId);
        }
        if (task.archived()) {
            String why = task.archivedReason() != null ? task.archivedReason() : "its project was removed";
            throw unprocessable(field, "task " + taskId + " (\"" + task.name() + "\") is archived (" + why + "); no new time can be tracked on it",
                    "task " + taskId + " is archived (" + why + ")");
        }
        return task;
    }

    @Transactional
    public EntryView create(User user, long taskId, Instant start, Instant end, String note, boolean billable) {
        User.lock(user.id);
        trackable(user, taskId, "task_id");
        checkTimes(start, end);
        checkOverlap(user.id, start, end, null);
        return insert(user.id, taskId, start, end, note, billable, TimeEntry.MANUAL);
    }

    /** Changes an entry; null arguments keep what is stored. */
    @Transactional
    public EntryView update(User owner, long id, Long taskId, Instant start, Instant end, String note, Boolean billable) {
        User.lock(owner.id);
        TimeEntry entry = TimeEntry.<TimeEntry>findByIdOptional(id).orElseThrow(() -> ProblemException.notFound("there is no entry " + id));
        if (taskId != null && taskId != entry.taskId) {
            trackable(owner, taskId, "task_id");
            entry.taskId = taskId;
        }
        Instant newStart = start != null ? start : entry.startAt;
        Instant newEnd = end != null ? end : entry.endAt;
        checkTimes(newStart, newEnd);
        checkOverlap(owner.id, newStart, newEnd, entry.id);
        entry.startAt = newStart;
        entry.endAt = newEnd;
        if (note != null) {
            entry.note = blankToNull(note);
        }
        if (billable != null) {
            entry.billable = billable;
        }
        entry.updatedAt = Instant.now();
        return view(entry);
    }

    @Transactional
    public boolean delete(long id) {
        return TimeEntry.deleteById(id);
    }

    /** Writes the entry of a stopped timer (its times were checked when it started). */
    @Transactional(Transactional.TxType.MANDATORY)
    public EntryView fromTimer(long userId, long taskId, Instant start, Instant end, String note) {
        return insert(userId, taskId, start, end, note, true, TimeEntry.TIMER);
    }

    private EntryView insert(long userId, long taskId, Instant start, Instant end, String note, boolean billable, String source) {
        TimeEntry entry = new TimeEntry();
        entry.userId = userId;
        entry.taskId = taskId;
        entry.startAt = start;
        entry.endAt = end;
        entry.note = blankToNull(note);
        entry.billable = billable;
        entry.source = source;
        entry.createdAt = Instant.now();
        entry.updatedAt = entry.createdAt;
        entry.persist();
        return view(entry);
    }

    @Transactional
    public Optional<EntryView> find(long id) {
        return TimeEntry.<TimeEntry>findByIdOptional(id).map(this::view);
    }

    @Transactional
    public List<EntryView> list(Query query) {
        List<String> where = new ArrayList<>(List.of("true"));
        Parameters params = new Parameters();
        if (query.from() != null) {
            where.add("startAt >= :from");
            params.and("from", query.from());
        }
        if (query.to() != null) {
            where.add("startAt < :to");
            params.and("to", query.to());
        }
        if (query.userId() != null) {
            where.add("userId = :user");
            params.and("user", query.userId());
        }
        if (query.taskId() != null) {
            where.add("(taskId = :task or taskId in (select t.id from Task t where t.parentId = :task))");
            params.and("task", query.taskId());
        }
        PanacheQuery<TimeEntry> entries = TimeEntry.find(String.join(" and ", where), Sort.by("startAt").and("id"), params);
        return entries.list().stream().map(this::view).toList();
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

    /** A range query over the user's entries (the user's row is locked, so none can slip in meanwhile). */
    private void checkOverlap(long userId, Instant start, Instant end, Long except) {
        Optional<TimeEntry> other = TimeEntry.<TimeEntry>find("userId = ?1 and startAt < ?2 and endAt > ?3 and id <> ?4",
                Sort.by("startAt"), userId, end, start, except == null ? -1L : except).firstResultOptional();
        if (other.isPresent()) {
            EntryView o = view(other.get());
            throw new OverlapException("overlaps your entry " + o.id() + " on \"" + o.taskName() + "\" from " + o.start() + " to " + o.end(), o.id());
        }
        Optional<Instant> running = timers.startedAt(userId);
        if (running.isPresent() && end.isAfter(running.get())) {
            throw new OverlapException("overlaps your running timer, started at " + running.get() + "; stop it first or end the entry before then", null);
        }
    }

    private EntryView view(TimeEntry e) {
        User user = User.findById(e.userId);
        TaskView task = tasks.find(e.taskId).orElseThrow();
        return new EntryView(e.id, e.userId, user.name, e.taskId, task.name(), task.path(), task.storyId(), task.archived(),
                e.startAt, e.endAt, Duration.between(e.startAt, e.endAt).toSeconds(), e.note, e.billable, e.source);
    }

    private static ProblemException unprocessable(String field, String detail, String problem) {
        return new ProblemException(Problem.of(422, "Unprocessable Content", field + ": " + detail)
                .withErrors(List.of(new Problem.FieldError(field, problem))));
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }
}
