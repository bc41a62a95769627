package io.trackerhub.timesheet.timers;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.trackerhub.kit.errors.ProblemException;
import io.trackerhub.timesheet.entries.Entries;
import io.trackerhub.timesheet.entries.EntryView;
import io.trackerhub.timesheet.entries.RunningTimers;
import io.trackerhub.timesheet.tasks.TaskView;
import io.trackerhub.timesheet.tasks.Tasks;
import io.trackerhub.timesheet.tasks.TasksArchived;
import io.trackerhub.timesheet.users.User;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.transaction.Transactional;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;

/**
 * One running timer per user ({@link Timer}). Stopping it writes a time entry; starting one stops the running one
 * first. Each operation locks the user's row, so two clicks cannot start two timers.
 */
@ApplicationScoped
public class Timers implements RunningTimers {

    private static final Logger LOG = Logger.getLogger(Timers.class);

    /** The running timer as the API shows it. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record TimerView(long userId, long taskId, String taskName, String taskPath, Long storyId, String url,
                            Instant startedAt, String note, long elapsedSeconds) {
    }

    /** What start answers: the new timer and the entry of the timer it stopped, if any. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Started(TimerView timer, EntryView stopped) {
    }

    private final Entries entries;
    private final Tasks tasks;

    public Timers(Entries entries, Tasks tasks) {
        this.entries = entries;
        this.tasks = tasks;
    }

    @Transactional
    public Started start(User user, long taskId, String note) {
        User.lock(user.id);
        TaskView task = entries.trackable(user, taskId, "task_id");
        EntryView stopped = stopRunning(user.id, now()).orElse(null);
        Timer timer = new Timer();
        timer.userId = user.id;
        timer.taskId = task.id();
        timer.startedAt = now();
        timer.note = blankToNull(note);
        timer.persist();
        return new Started(view(timer), stopped);
    }

    @Transactional
    public EntryView stop(User user) {
        User.lock(user.id);
        return stopRunning(user.id, now()).orElseThrow(() -> ProblemException.conflict("no timer is running; start one with POST /api/timer/start"));
    }

    @Transactional
    public Optional<TimerView> current(User user) {
        return Timer.<Timer>findByIdOptional(user.id).map(this::view);
    }

    @Override
    @Transactional
    public Optional<Instant> startedAt(long userId) {
        return Timer.<Timer>findByIdOptional(userId).map(t -> t.startedAt);
    }

    /** Stops every timer running on tasks just archived (no more time on them); their time is kept as entries. */
    void stopOn(@Observes TasksArchived archived) {
        List<Timer> running = Timer.list("taskId in ?1", archived.taskIds());
        for (Timer timer : running) {
            stopRunning(timer.userId, archived.at().truncatedTo(ChronoUnit.SECONDS)).ifPresent(entry ->
                    LOG.infof("timer of user %d on task %d stopped: the task was archived (%s); entry %d kept", entry.userId(),
                            entry.taskId(), archived.reason(), entry.id()));
        }
    }

    private Optional<EntryView> stopRunning(long userId, Instant end) {
        Optional<Timer> running = Timer.findByIdOptional(userId);
        if (running.isEmpty()) {
            return Optional.empty();
        }
        Timer timer = running.get();
        timer.delete();
        // the row goes now: a new timer of the same user may follow in this transaction
        Timer.flush();
        Instant start = timer.startedAt;
        Instant stop = end.isBefore(start) ? start : end;
        if (Duration.between(start, stop).compareTo(Entries.MAX_LENGTH) > 0) {
            // a timer forgotten overnight: an entry is at most 24 h long
            stop = start.plus(Entries.MAX_LENGTH);
        }
        return Optional.of(entries.fromTimer(userId, timer.taskId, start, stop, timer.note));
    }

    private TimerView view(Timer timer) {
        TaskView task = tasks.find(timer.taskId).orElseThrow();
        return new TimerView(timer.userId, timer.taskId, task.name(), task.path(), task.storyId(), task.url(), timer.startedAt,
                timer.note, Math.max(0, Duration.between(timer.startedAt, Instant.now()).toSeconds()));
    }

    private static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.SECONDS);
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }
}
