package io.trackerhub.timesheet.entries;

import java.time.Instant;
import java.util.Optional;

/** When the user's running timer started, if one runs: an entry may not overlap it (the timers package answers). */
public interface RunningTimers {

    Optional<Instant> startedAt(long userId);
}
